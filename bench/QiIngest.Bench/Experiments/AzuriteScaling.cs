using System.Diagnostics;
using Azure.Data.Tables;
using QiIngest.Bench.Figures;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Storage;
using QiIngest.Core;
using QiIngest.Storage.Tables;

namespace QiIngest.Bench.Experiments;

/// <summary>How Azurite's transaction throughput depends on the size of the partition written to.</summary>
internal static class AzuriteScaling
{
    public static async Task RunAsync(TextWriter log)
    {
        var file = Path.Combine(Returns.Scratch, "scaling.csv");
        LongReturn.Write(file, 32_000);
        var collector = new EntityCollector("x", Returns.Province, Returns.Period);
        await using (var stream = File.OpenRead(file))
        {
            await ReturnChecker.Default.CheckAsync(stream, Returns.Path(Returns.Province, "scaling.csv"), sink: collector);
        }

        await using var storage = await BenchStorage.CreateAsync();
        foreach (var (n, partitions) in new[] { (1_000, 1), (2_000, 1), (4_000, 1), (8_000, 1), (16_000, 1), (16_000, 16), (32_000, 32) })
        {
            var rate = await TrialAsync(storage.Storage.Tables, collector.Entities.Take(n).ToList(), partitions, 4);
            log.WriteLine($"  azurite: {n,6:N0} entities in {partitions,2} partition(s), 4 in flight: {rate,8:N0} entities/s");
        }
    }

    private static async Task<double> TrialAsync(TableServiceClient service, List<ObservationEntity> entities, int partitions, int parallel)
    {
        var table = service.GetTableClient("Scale" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateAsync();
        var per = entities.Count / partitions;
        for (var i = 0; i < entities.Count; i++)
        {
            entities[i].PartitionKey = $"p{i / per}";
        }

        var batches = entities.Chunk(100).Select(c => c.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToArray()).ToArray();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (batch, ct) => await table.SubmitTransactionAsync(batch, ct));
        clock.Stop();
        await table.DeleteAsync();
        return entities.Count / clock.Elapsed.TotalSeconds;
    }
}
