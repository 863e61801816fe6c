using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
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
/// <c>rollup_growth</c>: the national rollup's time with many stored observation rows over its time with few. Both
/// stores hold the same accepted returns of the 31 provinces (region detail) and of 100000, ingested through
/// <see cref="QiIngest.Storage.Ingestion.IngestionService"/>, which make the small store's rows. The large store also
/// holds the bulk of its rows written directly into its observations table, in partitions of 1,000 rows as staged
/// versions would be: Azurite cannot ingest 10^6 rows through one-partition returns in reasonable time. The rollup
/// reads the ledger's per-version summaries, so the detail rows should not matter.
/// </summary>
internal static class RollupGrowth
{
    public static async Task<Figure> RunAsync(BenchMode mode, TextWriter log)
    {
        var national = Path.Combine(Returns.Scratch, "national.csv");
        await File.WriteAllTextAsync(national, "指标,数值,单位\nSTD_NATIONAL,44499,项\nSTD_INTL_CONVERSION_RATE,82.5,%\nMET_CMC,1893,项\nMET_NATIONAL_BENCHMARKS,186,项\nMET_TECH_SPECS,1654,项\nPT_PROGRAMS,1523,项\n", new UTF8Encoding(false));

        await using var small = await BenchStorage.CreateAsync();
        await using var large = await BenchStorage.CreateAsync();
        var smallRows = await LoadAsync(small, mode.RollupSmallRows, national, log);
        var largeRows = await LoadAsync(large, mode.RollupSmallRows, national, log);
        largeRows += await BulkAsync(large, mode.RollupLargeRows - largeRows, log);

        // Warm both up (the first run publishes), then alternate, so that drift in Azurite hits both alike. Each
        // measured run publishes: the state row is removed first, as if an input had changed.
        await small.Rollup.RunAsync();
        await large.Rollup.RunAsync();
        var smallSeconds = new List<double>();
        var largeSeconds = new List<double>();
        for (var i = 0; i < mode.RollupRuns; i++)
        {
            smallSeconds.Add(await TimeRollupAsync(small));
            largeSeconds.Add(await TimeRollupAsync(large));
        }

        var smallMedian = Median(smallSeconds);
        var largeMedian = Median(largeSeconds);
        log.WriteLine($"  rollup: {smallRows:N0} rows {smallMedian * 1000:0.0} ms, {largeRows:N0} rows {largeMedian * 1000:0.0} ms (medians of {mode.RollupRuns})");
        return new Figure("rollup_growth", largeMedian / smallMedian, AtMost: true, 1.5, new JsonObject
        {
            ["smallStoredRows"] = smallRows,
            ["largeStoredRows"] = largeRows,
            ["smallSeconds"] = new JsonArray([.. smallSeconds.Select(s => (JsonNode)s)]),
            ["largeSeconds"] = new JsonArray([.. largeSeconds.Select(s => (JsonNode)s)]),
            ["smallSecondsMedian"] = smallMedian,
            ["largeSecondsMedian"] = largeMedian,
            ["how"] = "both stores: 31 provincial returns with region detail + 1 national return through IngestionService; the large store: the rest of its rows written directly into its observations table in 1,000-row partitions; each measured run publishes (the period's state row is deleted before it)",
            ["note"] = mode.RollupLargeRows < 1_000_000 ? "quick mode: 10^5 vs 10^3 stored rows, not 10^6 vs 10^4" : "10^6 vs 10^4 stored rows",
        });
    }

    /// <summary>Ingests a return of ~<paramref name="rows"/>/31 rows for every province, and the national return.</summary>
    private static async Task<int> LoadAsync(BenchStorage storage, int rows, string national, TextWriter log)
    {
        var perProvince = Math.Max(LongReturn.IndicatorsPerRegion, rows / 31 / LongReturn.IndicatorsPerRegion * LongReturn.IndicatorsPerRegion);
        var file = Path.Combine(Returns.Scratch, "rollup-province.csv");
        var (written, _) = LongReturn.Write(file, perProvince);
        var clock = Stopwatch.StartNew();
        var stored = 0;
        foreach (var province in ReporterRegistry.Default.Provinces)
        {
            stored += await IngestAsync(storage, $"{province.Code}/{Returns.Period}/return.csv", file, written);
        }

        stored += await IngestAsync(storage, $"{ReporterRegistry.NationalCode}/{Returns.Period}/national.csv", national, 6);
        log.WriteLine($"  rollup: stored {stored:N0} observation rows in {clock.Elapsed.TotalSeconds:0.0} s");
        return stored;
    }

    /// <summary>Writes <paramref name="rows"/> more observation rows straight into the observations table, 1,000 to a partition.</summary>
    private static async Task<int> BulkAsync(BenchStorage storage, int rows, TextWriter log)
    {
        const int PerPartition = 1_000;
        var file = Path.Combine(Returns.Scratch, "rollup-bulk.csv");
        var (written, _) = LongReturn.Write(file, PerPartition);
        var collector = new EntityCollector("x", Returns.Province, Returns.Period);
        await using (var stream = File.OpenRead(file))
        {
            await ReturnChecker.Default.CheckAsync(stream, Returns.Path(Returns.Province, "bulk.csv"), sink: collector);
        }

        var partitions = (rows + written - 1) / written;
        var clock = Stopwatch.StartNew();
        var table = storage.Storage.Observations;
        await Parallel.ForEachAsync(Enumerable.Range(0, partitions), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (p, ct) =>
        {
            var partition = $"{ReporterRegistry.Default.Provinces[p % 31].Code}-{Returns.Period}-bulk{p:D8}";
            foreach (var chunk in collector.Observations.Chunk(100))
            {
                var actions = chunk.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ObservationEntity.From(o, partition, Returns.Province, Returns.Period)));
                await table.SubmitTransactionAsync(actions, ct);
            }
        });
        log.WriteLine($"  rollup: wrote {partitions * written:N0} more observation rows directly in {clock.Elapsed.TotalSeconds:0.0} s");
        return partitions * written;
    }

    private static async Task<int> IngestAsync(BenchStorage storage, string blobName, string file, int rows)
    {
        await storage.UploadAsync(blobName, file);
        var receipt = await storage.Ingestion.IngestAsync(blobName);
        return receipt is { Outcome: not Outcome.Rejected } && receipt.Observations == rows
            ? rows
            : throw new InvalidOperationException($"{blobName} was not ingested whole: {receipt?.Outcome}, {receipt?.Observations} of {rows}; {string.Join("; ", receipt?.Errors.Take(3).Select(e => e.Message) ?? [])}");
    }

    private static async Task<double> TimeRollupAsync(BenchStorage storage)
    {
        try
        {
            await storage.Storage.Aggregates.DeleteEntityAsync(Returns.Period, AggregateEntity.StateRowKey);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Nothing published yet.
        }

        Sample.Settle();
        var clock = Stopwatch.StartNew();
        var run = await storage.Rollup.RunAsync();
        clock.Stop();
        return run.Published.Contains(Returns.Period) ? clock.Elapsed.TotalSeconds : throw new InvalidOperationException($"The rollup did not publish {Returns.Period}.");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
