using System.Globalization;
using System.Text.Json.Nodes;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Measuring;
using QiIngest.Bench.Reporting;
using QiIngest.Bench.Storage;
using QiIngest.Core;
using QiIngest.Core.Catalog;
using QiIngest.Storage;
using QiIngest.Storage.Tables;

namespace QiIngest.Bench.Figures;

/// <summary>
/// <c>ingest_vs_ceiling</c>, <c>naive_vs_ceiling</c>, <c>ingest_growth</c> and <c>transactions_per_1000_obs</c>: the
/// <see cref="QiIngest.Storage.Ingestion.IngestionService"/> end to end on Azurite against the best plain
/// Azure.Data.Tables can do on the same Azurite with the same entities; and the same ingestion with the observation
/// transactions stubbed, which is the pipeline's own cost without the emulator's.
/// </summary>
internal static class IngestFigures
{
    private const int MaxActions = TableCeiling.MaxActions;

    /// <summary>Rounds of the ceiling, each after a fresh ingestion of the same file.</summary>
    private const int CeilingRounds = 5;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchMode mode, TextWriter log)
    {
        var warm = await WriteAsync("warm", 800);
        var small = await WriteAsync("small", mode.IngestSmallRows);
        var large = await WriteAsync("large", mode.IngestLargeRows);
        var versus = mode.CeilingEntities == mode.IngestLargeRows ? large : await WriteAsync("versus", mode.CeilingEntities);
        var provinces = ReporterRegistry.Default.Provinces.Select(p => p.Code).Where(c => c != Returns.Province).ToArray();

        // On Azurite. Each ingestion is for another province (a new partition), so none is a duplicate; each size gets
        // a fresh store, so that no run pays for the rows of another.
        var smallSeconds = new List<double>();
        await using (var storage = await BenchStorage.CreateAsync())
        {
            await IngestAsync(storage, provinces[0], warm);
            for (var i = 0; i < mode.IngestSmallRuns; i++)
            {
                smallSeconds.Add((await IngestAsync(storage, provinces[i + 1], small)).Seconds);
            }
        }

        log.WriteLine($"  ingest {small.Rows:N0} rows on Azurite: {string.Join(", ", smallSeconds.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))} s");
        var big = await FreshIngestAsync(large, stub: false);
        log.WriteLine($"  ingest {large.Rows:N0} rows on Azurite: {big.Seconds:0.000} s, {big.Requests.Total:N0} requests");

        // ingest_vs_ceiling: the ceiling writes the very entities the ingestion wrote, prepared in advance. Its rounds
        // alternate with fresh ingestions of the same file, so that both sides meet the same load on a shared machine;
        // each side is rated by its median. The naive writer uses the ceiling's winning layout.
        var entities = await CollectAsync(versus);
        var versusRuns = new List<IngestRun>();
        TableCeiling ceiling;
        double naiveRate;
        long ceilingBatchBytes;
        await using (var storage = await BenchStorage.CreateAsync())
        {
            ceiling = new TableCeiling(storage.Storage.Tables, entities, log);
            await ceiling.WarmUpAsync();
            var before = storage.Requests.Snapshot();
            for (var round = 0; round < CeilingRounds; round++)
            {
                // Fresh runs only: the growth figure's run of the same file came before the ceiling's warm-up.
                var run = await FreshIngestAsync(versus, stub: false);
                versusRuns.Add(run);
                log.WriteLine($"  ingest {versus.Rows:N0} rows on Azurite: {run.Seconds:0.000} s, {run.Requests.TableBatches:N0} table transactions");
                await ceiling.RunRoundAsync();
            }

            var counted = storage.Requests.Snapshot() - before;
            ceilingBatchBytes = counted.TableBatches == 0 ? 0 : counted.TableBatchBytes / counted.TableBatches;
            log.WriteLine($"  ceiling: {ceiling.Best.EntitiesPerSecond:N0} entities/s ({ceiling.Best.Partitions} partition(s), {ceiling.Best.InFlight} in flight, median of {ceiling.Best.Rates.Count})");
            naiveRate = await ceiling.NaiveAsync(mode.NaiveEntities, ceiling.Best.Partitions);
            log.WriteLine($"  naive, one request per entity, {ceiling.Best.Partitions} partition(s): {naiveRate:N0} entities/s");
        }

        // The pipeline's own cost: the same ingestion, the observation transactions answered in-process.
        var stubSmall = await WriteAsync("stub-small", mode.StubSmallRows);
        var stubLarge = await WriteAsync("stub-large", stubSmall.Rows * 10);
        var stubbed = new List<double>();
        await using (var storage = await BenchStorage.CreateAsync(stubObservations: true))
        {
            await IngestAsync(storage, provinces[0], warm);
            for (var i = 0; i < mode.IngestSmallRuns; i++)
            {
                stubbed.Add((await IngestAsync(storage, provinces[i + 1], stubSmall)).Seconds);
            }
        }

        var stubBig = await FreshIngestAsync(stubLarge, stub: true);
        log.WriteLine($"  ingest with stubbed observation transactions: {stubSmall.Rows:N0} rows {Median(stubbed):0.000} s, {stubLarge.Rows:N0} rows {stubBig.Seconds:0.000} s");

        var against = versusRuns.OrderBy(r => r.Seconds).ElementAt((versusRuns.Count - 1) / 2);
        var ingestRate = versus.Rows / against.Seconds;
        var best = ceiling.Best;
        var onePartition = ceiling.BestOnePartition;
        var options = new StorageOptions();
        var sameLayout = ceiling.Trials.FirstOrDefault(t => t.Partitions == options.ObservationPartitions && t.InFlight == options.MaxParallelTransactions);
        var smallMedian = Median(smallSeconds);
        return
        [
            new Figure("ingest_vs_ceiling", ingestRate / best.EntitiesPerSecond, AtMost: false, 0.8, new JsonObject
            {
                ["rows"] = versus.Rows,
                ["fileBytes"] = versus.Bytes,
                ["ingestSeconds"] = against.Seconds,
                ["ingestSecondsRuns"] = Array(versusRuns.Select(r => r.Seconds)),
                ["ingestObservationsPerSecond"] = Math.Round(ingestRate),
                ["ingestPartitions"] = options.ObservationPartitions,
                ["ingestInFlight"] = options.MaxParallelTransactions,
                ["ingestAllocatedBytes"] = against.AllocatedBytes,
                ["ingestAverageBatchRequestBytes"] = against.Requests.AverageBatchBytes,
                ["ingestTableBatches"] = against.Requests.TableBatches,
                ["ceiling"] = new JsonObject
                {
                    ["entitiesPerTrial"] = entities.Count,
                    ["how"] = $"full 100-action UpsertReplace transactions of the prepared entities, transaction t into partition t mod partitions (as the ingestion stripes), a new table per trial; {CeilingRounds} rounds alternating with the ingestions, the first of every layout and parallelism, the others of those at least {TableCeiling.KeepWithin:0.##} x the first round's best; each rated by the median of its trials, the best rated is the ceiling",
                    ["trials"] = new JsonArray([.. ceiling.Trials.Select(t => (JsonNode)t.ToJson())]),
                    ["entitiesPerSecondByPartitionsThenInFlight"] = ceiling.ByLayout(),
                    ["bestPartitions"] = best.Partitions,
                    ["bestParallelism"] = best.InFlight,
                    ["bestEntitiesPerSecond"] = Math.Round(best.EntitiesPerSecond),
                    ["onePartitionBestEntitiesPerSecond"] = onePartition is null ? null : Math.Round(onePartition.EntitiesPerSecond),
                    ["ingestVsOnePartitionCeiling"] = onePartition is null ? null : ingestRate / onePartition.EntitiesPerSecond,
                    ["ingestLayoutEntitiesPerSecond"] = sameLayout is null ? null : Math.Round(sameLayout.EntitiesPerSecond),
                    ["ingestVsIngestLayout"] = sameLayout is null ? null : ingestRate / sameLayout.EntitiesPerSecond,
                    ["averageBatchRequestBytes"] = ceilingBatchBytes,
                },
                ["note"] = "both write the same entities, the same count (Azurite's cost per write grows with the partition); the ceiling is the best of its layouts and parallelisms, and onePartition* is the issue's first definition (one partition), kept for comparison",
            }),
            new Figure("naive_vs_ceiling", naiveRate / best.EntitiesPerSecond, AtMost: false, 0, new JsonObject
            {
                ["entities"] = Math.Min(mode.NaiveEntities, entities.Count),
                ["partitions"] = best.Partitions,
                ["naiveEntitiesPerSecond"] = Math.Round(naiveRate),
                ["how"] = "one UpsertEntity (replace) per entity, one at a time, striped like the best ceiling trial, on a subset in the middle of a trial (the entities before it prefilled untimed); the rate is extrapolated",
                ["bestCeilingEntitiesPerSecond"] = Math.Round(best.EntitiesPerSecond),
            }),
            new Figure("ingest_growth", big.Seconds / (10 * smallMedian), AtMost: true, 1.2, new JsonObject
            {
                ["smallRows"] = small.Rows,
                ["smallSeconds"] = Array(smallSeconds),
                ["smallSecondsMedian"] = smallMedian,
                ["largeRows"] = large.Rows,
                ["largeSeconds"] = big.Seconds,
                ["stubbed"] = new JsonObject
                {
                    ["how"] = "the same ingestion with the observation transactions answered in-process (blobs, ledger and receipt on Azurite): the pipeline's own growth",
                    ["smallRows"] = stubSmall.Rows,
                    ["smallSeconds"] = Array(stubbed),
                    ["largeRows"] = stubLarge.Rows,
                    ["largeSeconds"] = stubBig.Seconds,
                    ["growth"] = stubBig.Seconds / (10 * Median(stubbed)),
                    ["largeObservationsPerSecond"] = Math.Round(stubLarge.Rows / stubBig.Seconds),
                    ["largeAllocatedBytesPerRow"] = stubBig.AllocatedBytes / stubLarge.Rows,
                },
                ["note"] = mode.IngestLargeRows < 1_000_000
                    ? $"on Azurite {large.Rows:N0} vs 10 x {small.Rows:N0} rows (Azurite's writes slow down with the size of their partition: 10^5 rows, 1,560 per partition, took twice ten times 10^4); stubbed {stubLarge.Rows:N0} vs 10 x {stubSmall.Rows:N0}"
                    : "10^6 vs 10 x 10^5 rows",
            }),
            new Figure("transactions_per_1000_obs", big.Requests.Total * 1000.0 / large.Rows, AtMost: true, 12, new JsonObject
            {
                ["observations"] = large.Rows,
                ["requests"] = big.Requests.Total,
                ["tableBatches"] = big.Requests.TableBatches,
                ["tableOther"] = big.Requests.TableOther,
                ["blob"] = big.Requests.Blob,
                ["minimumBatches"] = (large.Rows + MaxActions - 1) / MaxActions,
                ["note"] = "requests are counted per try: table batches above minimumBatches + 1 (the ledger commit) are retries",
                ["stubbedLarge"] = new JsonObject
                {
                    ["observations"] = stubLarge.Rows,
                    ["requests"] = stubBig.Requests.Total,
                    ["perThousand"] = stubBig.Requests.Total * 1000.0 / stubLarge.Rows,
                },
            }),
        ];
    }

    private static async Task<Input> WriteAsync(string name, int rows)
    {
        var file = Path.Combine(Returns.Scratch, $"ingest-{name}.csv");
        var (written, bytes) = await Task.Run(() => LongReturn.Write(file, rows));
        return new Input(name, file, written, bytes);
    }

    private static async Task<IngestRun> FreshIngestAsync(Input input, bool stub)
    {
        await using var storage = await BenchStorage.CreateAsync(stubObservations: stub);
        return await IngestAsync(storage, Returns.Province, input);
    }

    private static async Task<IngestRun> IngestAsync(BenchStorage storage, string reporter, Input input)
    {
        var blobName = $"{reporter}/{Returns.Period}/{input.Name}.csv";
        await storage.UploadAsync(blobName, input.File);
        var before = storage.Requests.Snapshot();
        var (receipt, seconds, allocated) = await Sample.OnceAsync(() => storage.Ingestion.IngestAsync(blobName));
        var requests = storage.Requests.Snapshot() - before;
        if (receipt is not { Outcome: not Outcome.Rejected } || receipt.Observations != input.Rows || receipt.Version != 1)
        {
            throw new InvalidOperationException($"{blobName} was not ingested whole: {receipt?.Outcome}, {receipt?.Observations} of {input.Rows} rows, version {receipt?.Version}; {string.Join("; ", receipt?.Errors.Take(3).Select(e => e.Message) ?? [])}");
        }

        return new IngestRun(seconds, allocated, requests);
    }

    private static async Task<List<ObservationEntity>> CollectAsync(Input input)
    {
        var collector = new EntityCollector("x", Returns.Province, Returns.Period);
        await using var stream = File.OpenRead(input.File);
        await ReturnChecker.Default.CheckAsync(stream, Returns.Path(Returns.Province, input.Name + ".csv"), sink: collector);
        return collector.Entities;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static JsonArray Array(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode)v)]);

    private sealed record Input(string Name, string File, int Rows, long Bytes);

    private sealed record IngestRun(double Seconds, long AllocatedBytes, RequestCount Requests);
}
