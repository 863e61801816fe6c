using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using QiIngest.Bench.Storage;
using QiIngest.Core;

namespace QiIngest.Bench.Figures;

/// <summary>
/// The child process of <see cref="MemoryFigure"/>: ingests one blob that the parent uploaded and prints, as one JSON
/// line, its own peak working set (<c>VmHWM</c>) with the GC's view of the heap.
/// </summary>
internal static class MemoryChild
{
    /// <summary><c>memory-child FILE --storage ID --blob NAME --rows N [--stub]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var file = args[1];
        string Option(string name) => args[Array.IndexOf(args, name) + 1];
        var rows = int.Parse(Option("--rows"), CultureInfo.InvariantCulture);
        var blobName = Option("--blob");
        await using var storage = await BenchStorage.AttachAsync(Option("--storage"), maxDataRows: Math.Max(rows, IngestLimits.Default.MaxDataRows), stubObservations: args.Contains("--stub"));
        using var sampler = new PeakSampler();
        var clock = Stopwatch.StartNew();
        var receipt = await storage.Ingestion.IngestAsync(blobName);
        clock.Stop();
        sampler.Stop();
        if (receipt is not { Outcome: not Outcome.Rejected } || receipt.Observations != rows)
        {
            await Console.Error.WriteLineAsync($"{blobName} was not ingested whole: {receipt?.Outcome}, {receipt?.Observations} of {rows}; {string.Join("; ", receipt?.Errors.Take(3).Select(e => e.Message) ?? [])}");
            return 1;
        }

        using var self = Process.GetCurrentProcess();
        var status = ReadStatus();
        var gc = GC.GetGCMemoryInfo();
        var result = new JsonObject
        {
            ["fileBytes"] = new FileInfo(file).Length,
            ["observations"] = receipt.Observations,
            ["seconds"] = clock.Elapsed.TotalSeconds,
            ["peakWorkingSetBytes"] = status.GetValueOrDefault("VmHWM", self.PeakWorkingSet64),
            ["processPeakWorkingSet64"] = self.PeakWorkingSet64,
            ["workingSetAtEndBytes"] = status.GetValueOrDefault("VmRSS", self.WorkingSet64),
            ["gcHeapSizeAtEndBytes"] = gc.HeapSizeBytes,
            ["gcCommittedAtEndBytes"] = gc.TotalCommittedBytes,
            ["gcPromotedBytesLastGc"] = gc.PromotedBytes,
            ["gcCollections"] = new JsonArray(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)),
            ["allocatedBytes"] = GC.GetTotalAllocatedBytes(precise: false),
            ["serverGc"] = System.Runtime.GCSettings.IsServerGC,
            ["stubbedTransactions"] = storage.Stub?.Stubbed ?? 0,
            ["atPeak"] = sampler.AtPeak,
        };
        Console.WriteLine(result.ToJsonString());
        return 0;
    }

    /// <summary>The <c>kB</c> lines of <c>/proc/self/status</c>, in bytes (Linux); empty elsewhere.</summary>
    internal static Dictionary<string, long> ReadStatus()
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists("/proc/self/status"))
        {
            return values;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && parts[1].TrimEnd().EndsWith(" kB", StringComparison.Ordinal)
                && long.TryParse(parts[1].Trim()[..^3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                values[parts[0]] = kb * 1024;
            }
        }

        return values;
    }

    /// <summary>
    /// Samples the resident set every 10 ms during the ingestion and keeps, for the highest sample, its parts
    /// (<c>RssAnon</c>, <c>RssFile</c>, <c>RssShmem</c>) with the GC's view at that moment (committed, heap size of the
    /// last GC, fragmentation, generation sizes): where the peak goes.
    /// </summary>
    internal sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private long _peak;

        public PeakSampler()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "peak sampler" };
            _thread.Start();
        }

        public JsonObject? AtPeak { get; private set; }

        public void Stop()
        {
            _stop.Cancel();
            _thread.Join();
        }

        public void Dispose() => _stop.Dispose();

        private void Run()
        {
            while (!_stop.IsCancellationRequested)
            {
                var status = ReadStatus();
                if (status.GetValueOrDefault("VmRSS") > _peak)
                {
                    _peak = status["VmRSS"];
                    var gc = GC.GetGCMemoryInfo(GCKind.Any);
                    var generations = new JsonArray();
                    foreach (var g in gc.GenerationInfo)
                    {
                        generations.Add(new JsonArray(g.SizeBeforeBytes, g.SizeAfterBytes, g.FragmentationAfterBytes));
                    }

                    AtPeak = new JsonObject
                    {
                        ["rssBytes"] = _peak,
                        ["rssAnonBytes"] = status.GetValueOrDefault("RssAnon"),
                        ["rssFileBytes"] = status.GetValueOrDefault("RssFile"),
                        ["rssShmemBytes"] = status.GetValueOrDefault("RssShmem"),
                        ["gcCommittedBytes"] = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes,
                        ["gcHeapSizeLastGcBytes"] = gc.HeapSizeBytes,
                        ["gcFragmentedLastGcBytes"] = gc.FragmentedBytes,
                        ["gcGenerationsBeforeAfterFragmentedLastGc"] = generations,
                        ["gcLastIndex"] = gc.Index,
                        ["gcLastGeneration"] = gc.Generation,
                        ["gcTotalAvailableMemoryBytes"] = gc.TotalAvailableMemoryBytes,
                        ["threads"] = System.Diagnostics.Process.GetCurrentProcess().Threads.Count,
                    };
                }

                _stop.Token.WaitHandle.WaitOne(10);
            }
        }
    }
}
