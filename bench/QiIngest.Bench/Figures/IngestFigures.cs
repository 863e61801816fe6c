using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Measuring;
using QiIngest.Bench.Reporting;
using QiIngest.Bench.Storage;
using QiIngest.Core;
using QiIngest.Core.Catalog;
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
    /// <summary>The service's limit of actions per transaction.</summary>
    private const int MaxActions = 100;

    private static readonly int[] Parallelisms = [1, 2, 4, 8, 16];

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
        var against = versus == large ? big : await FreshIngestAsync(versus, stub: false);
        if (versus != large)
        {
            log.WriteLine($"  ingest {versus.Rows:N0} rows on Azurite: {against.Seconds:0.000} s");
        }

        // The ceiling writes the very entities the ingestion wrote, prepared in advance, in full 100-action
        // transactions into one new partition, as the ingestion does.
        var entities = await CollectAsync(versus);
        var trials = new JsonObject();
        var best = (Parallel: 0, Rate: 0.0);
        double naiveRate;
        long ceilingBatchBytes;
        await using (var storage = await BenchStorage.CreateAsync())
        {
            await CeilingTrialAsync(storage.Storage.Tables, entities.Take(1_000).ToList(), 4);
            var before = storage.Requests.Snapshot();
            foreach (var parallel in Parallelisms)
            {
                var rate = await CeilingTrialAsync(storage.Storage.Tables, entities, parallel);
                trials[parallel.ToString(CultureInfo.InvariantCulture)] = Math.Round(rate);
                log.WriteLine($"  ceiling, {entities.Count:N0} entities, {parallel,2} in flight: {rate:N0} entities/s");
                if (rate > best.Rate)
                {
                    best = (parallel, rate);
                }
            }

            var counted = storage.Requests.Snapshot() - before;
            ceilingBatchBytes = counted.TableBatches == 0 ? 0 : counted.TableBatchBytes / counted.TableBatches;
            naiveRate = await NaiveAsync(storage.Storage.Tables, entities, mode.NaiveEntities);
            log.WriteLine($"  naive, one request per entity: {naiveRate:N0} entities/s");
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

        var ingestRate = versus.Rows / against.Seconds;
        var smallMedian = Median(smallSeconds);
        return
        [
            new Figure("ingest_vs_ceiling", ingestRate / best.Rate, AtMost: false, 0.8, new JsonObject
            {
                ["rows"] = versus.Rows,
                ["fileBytes"] = versus.Bytes,
                ["ingestSeconds"] = against.Seconds,
                ["ingestObservationsPerSecond"] = Math.Round(ingestRate),
                ["ingestAllocatedBytes"] = against.AllocatedBytes,
                ["ingestAverageBatchRequestBytes"] = against.Requests.AverageBatchBytes,
                ["ceiling"] = new JsonObject
                {
                    ["entitiesPerTrial"] = entities.Count,
                    ["entitiesPerSecondByParallelism"] = trials,
                    ["bestParallelism"] = best.Parallel,
                    ["bestEntitiesPerSecond"] = Math.Round(best.Rate),
                    ["averageBatchRequestBytes"] = ceilingBatchBytes,
                },
                ["note"] = "both write the same entities into one new partition; Azurite's cost per write grows with the partition, so both use the same count",
            }),
            new Figure("naive_vs_ceiling", naiveRate / best.Rate, AtMost: false, 0, new JsonObject
            {
                ["entities"] = Math.Min(mode.NaiveEntities, entities.Count),
                ["naiveEntitiesPerSecond"] = Math.Round(naiveRate),
                ["how"] = "one UpsertEntity (replace) per entity, one at a time, on a subset written around the middle of a trial-sized partition (prefilled untimed); the rate is extrapolated",
                ["bestCeilingEntitiesPerSecond"] = Math.Round(best.Rate),
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
                    ? $"on Azurite {large.Rows:N0} vs 10 x {small.Rows:N0} rows (Azurite's one-partition writes make 10^6 rows take hours); stubbed {stubLarge.Rows:N0} vs 10 x {stubSmall.Rows:N0}"
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

    /// <summary>Writes <paramref name="entities"/> into a new partition of a new table with <paramref name="parallel"/> transactions in flight.</summary>
    private static async Task<double> CeilingTrialAsync(TableServiceClient service, List<ObservationEntity> entities, int parallel)
    {
        var table = service.GetTableClient("Ceiling" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateAsync();
        try
        {
            SetPartition(entities);
            var batches = entities.Chunk(MaxActions).Select(c => c.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToArray()).ToArray();
            Sample.Settle();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (batch, ct) => await table.SubmitTransactionAsync(batch, ct));
            clock.Stop();
            return entities.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    /// <summary>
    /// One upsert request per entity, one at a time, for the last <paramref name="count"/> entities. Azurite's cost per
    /// write grows with the partition, so the partition is first filled (untimed, in transactions) to half the trial's
    /// size, where a write costs what it costs on average over a whole trial.
    /// </summary>
    private static async Task<double> NaiveAsync(TableServiceClient service, List<ObservationEntity> all, int count)
    {
        var table = service.GetTableClient("Naive" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateAsync();
        try
        {
            SetPartition(all);
            var prefill = Math.Max(0, (all.Count / 2) - (count / 2));
            foreach (var chunk in all.Take(prefill).Chunk(MaxActions))
            {
                await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
            }

            var entities = all.Skip(prefill).Take(count).ToList();
            var clock = Stopwatch.StartNew();
            foreach (var entity in entities)
            {
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
            }

            clock.Stop();
            return entities.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    private static void SetPartition(List<ObservationEntity> entities)
    {
        var partition = $"{Returns.Province}-{Returns.Period}-{Guid.NewGuid():N}";
        foreach (var entity in entities)
        {
            entity.PartitionKey = partition;
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static JsonArray Array(IEnumerable<double> values) => new([.. values.Select(v => (JsonNode)v)]);

    private sealed record Input(string Name, string File, int Rows, long Bytes);

    private sealed record IngestRun(double Seconds, long AllocatedBytes, RequestCount Requests);
}
