using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using QiIngest.Bench.Figures;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Storage;

namespace QiIngest.Bench.Experiments;

/// <summary>Which types the ingestion allocates, from the runtime's AllocationTick events (one per ~100 KB allocated).</summary>
internal static class AllocationProfile
{
    public static async Task RunAsync(TextWriter log, bool stub)
    {
        var file = Path.Combine(Returns.Scratch, "alloc.csv");
        var (rows, _) = LongReturn.Write(file, 20_000);
        await using var storage = await BenchStorage.CreateAsync(stubObservations: stub);
        await storage.UploadAsync($"{Returns.Province}/{Returns.Period}/warm.csv", file);
        await storage.Ingestion.IngestAsync($"{Returns.Province}/{Returns.Period}/warm.csv");
        await storage.UploadAsync($"450000/{Returns.Period}/alloc.csv", file);
        using var listener = new Ticks();
        var before = GC.GetTotalAllocatedBytes(true);
        await storage.Ingestion.IngestAsync($"450000/{Returns.Period}/alloc.csv");
        var total = GC.GetTotalAllocatedBytes(true) - before;
        log.WriteLine($"  allocated {total / rows:N0} B/row over {rows:N0} rows; sampled by type:");
        var sampled = listener.ByType.Values.Sum();
        foreach (var (type, bytes) in listener.ByType.OrderByDescending(p => p.Value).Take(25))
        {
            log.WriteLine($"  {100.0 * bytes / sampled,5:0.0}%  {type}");
        }
    }

    private sealed class Ticks : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
            {
                return;
            }

            var type = eventData.Payload[eventData.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            ByType.AddOrUpdate(type, amount, (_, v) => v + amount);
        }
    }
}
