using Azure.Data.Tables;
using QiIngest.Bench.Figures;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Storage;
using QiIngest.Core;

namespace QiIngest.Bench.Experiments;

/// <summary>Bytes the SDK allocates per transaction of n actions (observation transactions stubbed, so no network).</summary>
internal static class SdkAllocations
{
    public static async Task RunAsync(TextWriter log)
    {
        var file = Path.Combine(Returns.Scratch, "sdk.csv");
        LongReturn.Write(file, 1_000);
        var collector = new EntityCollector("x", Returns.Province, Returns.Period);
        await using (var stream = File.OpenRead(file))
        {
            await ReturnChecker.Default.CheckAsync(stream, Returns.Path(Returns.Province, "sdk.csv"), sink: collector);
        }

        await using var storage = await BenchStorage.CreateAsync(stubObservations: true);
        var table = storage.Storage.Observations;
        foreach (var e in collector.Entities)
        {
            e.PartitionKey = "p";
        }

        foreach (var n in new[] { 1, 10, 100, 100 })
        {
            var actions = collector.Entities.Take(n).Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList();
            table.SubmitTransaction(actions);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++)
            {
                table.SubmitTransaction(actions);
            }

            log.WriteLine($"  SubmitTransaction of {n,3} actions: {(GC.GetAllocatedBytesForCurrentThread() - before) / 10 / n:N0} B/action (this thread)");
        }

        var entity = collector.Entities[0];
        var b = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = QiIngest.Storage.Tables.ObservationEntity.From(collector.Observations[i % collector.Observations.Count], "p", "440000", "2023");
        }

        log.WriteLine($"  ObservationEntity.From: {(GC.GetAllocatedBytesForCurrentThread() - b) / 1000:N0} B each");
        _ = entity;
    }
}
