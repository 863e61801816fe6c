using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using QiIngest.Bench.Measuring;
using QiIngest.Storage.Tables;

namespace QiIngest.Bench.Figures;

/// <summary>
/// The best plain Azure.Data.Tables can do on Azurite with given entities: full 100-action <c>UpsertReplace</c>
/// transactions of the entities prepared in advance, tried in several layouts (how many partitions the transactions are
/// striped over) and with several transactions in flight, each trial into a new table. Azurite's cost per write grows
/// with the size of the partition written to, so one partition is not the best one can do. The first round tries every
/// layout and parallelism once; later rounds repeat those within <see cref="KeepWithin"/> of the first round's best,
/// and each is rated by the median of its trials, so that the ceiling is not merely the luckiest of 20 short trials on a
/// noisy machine. The ceiling is the best rated.
/// </summary>
internal sealed class TableCeiling(TableServiceClient service, List<ObservationEntity> entities, TextWriter log)
{
    /// <summary>The service's limit of actions per transaction.</summary>
    public const int MaxActions = 100;

    /// <summary>Which of the first round's trials are repeated: those at least this fraction of its best rate.</summary>
    public const double KeepWithin = 0.5;

    /// <summary>
    /// Partitions the transactions are striped over: 1 (the first definition), 8, 32 (what the ingestion uses
    /// by default) and 64 (more than a quick trial has transactions).
    /// </summary>
    private static readonly int[] Layouts = [1, 8, 32, 64];

    /// <summary>
    /// Above this many entities one partition is left out: Azurite's writes into one partition slow down with its size
    /// (bench/README.md), so at 20,000 entities its five trials took 12 minutes and reached 2-4% of the best layout.
    /// </summary>
    private const int OnePartitionMaxEntities = 5_000;

    private static readonly int[] Parallelisms = [1, 2, 4, 8, 16];

    private readonly List<CeilingTrial> _trials = [];

    /// <summary>Every layout and parallelism tried, in the order first run, with the rates of all their trials.</summary>
    public IReadOnlyList<CeilingTrial> Trials => _trials;

    /// <summary>The best rated layout and parallelism: the ceiling.</summary>
    public CeilingTrial Best => _trials.MaxBy(t => t.EntitiesPerSecond) ?? throw new InvalidOperationException("No ceiling trial has run.");

    /// <summary>The best rated parallelism into one partition: the ceiling as the issue first defined it.</summary>
    public CeilingTrial? BestOnePartition => _trials.Where(t => t.Partitions == 1).MaxBy(t => t.EntitiesPerSecond);

    /// <summary>An untimed trial, so that neither the client nor Azurite is cold for the first timed one.</summary>
    public Task WarmUpAsync() => TrialAsync(entities.Take(2_000).ToList(), 8, 4);

    /// <summary>One round: every layout and parallelism the first time, then those within <see cref="KeepWithin"/> of the first round's best.</summary>
    public async Task RunRoundAsync()
    {
        var first = _trials.Count == 0;
        var threshold = first ? 0 : KeepWithin * _trials.Max(t => t.Rates[0]);
        var wanted = first
            ? [.. Layouts.Where(p => p > 1 || entities.Count <= OnePartitionMaxEntities).SelectMany(p => Parallelisms.Select(n => new CeilingTrial(p, n, [])))]
            : _trials.Where(t => t.Rates[0] >= threshold).ToList();
        if (first)
        {
            _trials.AddRange(wanted);
        }

        foreach (var trial in wanted)
        {
            var rate = await TrialAsync(entities, trial.Partitions, trial.InFlight);
            trial.Rates.Add(rate);
            log.WriteLine($"  ceiling, {entities.Count:N0} entities, {trial.Partitions,2} partition(s), {trial.InFlight,2} in flight: {rate,7:N0} entities/s");
        }
    }

    /// <summary>
    /// One upsert request per entity, one at a time, for <paramref name="count"/> entities in the middle of the list,
    /// striped over <paramref name="partitions"/> partitions as a trial of that layout stripes them. Azurite's cost per
    /// write grows with the partition, so the entities before them are first written (untimed, in transactions): each
    /// timed write then meets a partition of the size it has, on average, over a whole trial.
    /// </summary>
    public async Task<double> NaiveAsync(int count, int partitions)
    {
        var table = NewTable("Naiv");
        await table.CreateAsync();
        try
        {
            Stripe(entities, partitions);
            var prefill = Math.Max(0, (entities.Count / 2) - (count / 2));

            // Chunks from the start of the list are aligned with the stripes, so each holds one partition.
            foreach (var chunk in entities.Take(prefill).Chunk(MaxActions))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
            }

            var timed = entities.Skip(prefill).Take(count).ToList();
            var clock = Stopwatch.StartNew();
            foreach (var entity in timed)
            {
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
            }

            clock.Stop();
            return timed.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    /// <summary>The rates as <c>{partitions: {inFlight: entities/s}}</c>, each the median of its trials.</summary>
    public JsonObject ByLayout()
    {
        var result = new JsonObject();
        foreach (var layout in _trials.GroupBy(t => t.Partitions))
        {
            var rates = new JsonObject();
            foreach (var trial in layout)
            {
                rates[trial.InFlight.ToString(CultureInfo.InvariantCulture)] = Math.Round(trial.EntitiesPerSecond);
            }

            result[layout.Key.ToString(CultureInfo.InvariantCulture)] = rates;
        }

        return result;
    }

    /// <summary>
    /// Sets the partition keys as the ingestion does: the run of 100 entities t (one transaction) goes to partition
    /// t mod <paramref name="partitions"/>, named like the ingestion's (<c>{reporter}-{period}-{32 hex}-{index:D4}</c>)
    /// so that the payloads have the same size.
    /// </summary>
    private static void Stripe(List<ObservationEntity> list, int partitions)
    {
        var prefix = $"{Returns.Province}-{Returns.Period}-{Guid.NewGuid():N}";
        var keys = Enumerable.Range(0, partitions).Select(p => $"{prefix}-{p:D4}").ToArray();
        for (var i = 0; i < list.Count; i++)
        {
            list[i].PartitionKey = keys[i / MaxActions % partitions];
        }
    }

    /// <summary>Writes <paramref name="list"/> striped over <paramref name="partitions"/> partitions of a new table with <paramref name="parallel"/> transactions in flight.</summary>
    private async Task<double> TrialAsync(List<ObservationEntity> list, int partitions, int parallel)
    {
        var table = NewTable("Ceil");
        await table.CreateAsync();
        try
        {
            Stripe(list, partitions);
            var batches = list.Chunk(MaxActions).Select(c => c.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToArray()).ToArray();
            Sample.Settle();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (batch, ct) => await table.SubmitTransactionAsync(batch, ct));
            clock.Stop();
            return list.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    /// <summary>A new table whose name is as long as the ingestion's observations table (<c>Obs</c> and 10 characters), so that each action's URL is too.</summary>
    private TableClient NewTable(string prefix) => service.GetTableClient(prefix + Guid.NewGuid().ToString("N")[..(13 - prefix.Length)]);
}

/// <summary>One layout and parallelism of a <see cref="TableCeiling"/> and the rates of its trials.</summary>
internal sealed record CeilingTrial(int Partitions, int InFlight, List<double> Rates)
{
    /// <summary>The median of the trials' rates (the lower one of an even count).</summary>
    public double EntitiesPerSecond => Rates.Order().ElementAt((Rates.Count - 1) / 2);

    public JsonObject ToJson() => new()
    {
        ["partitions"] = Partitions,
        ["inFlight"] = InFlight,
        ["entitiesPerSecond"] = Math.Round(EntitiesPerSecond),
        ["trials"] = new JsonArray([.. Rates.Select(r => (JsonNode)Math.Round(r))]),
    };
}
