using System.Diagnostics;
using QiIngest.Bench.Figures;
using QiIngest.Bench.Inputs;
using QiIngest.Core;

namespace QiIngest.Bench.Experiments;

/// <summary>Runs the checker over a 10^6-row return a few times, for a profiler to watch.</summary>
internal static class ParseLoop
{
    public static async Task RunAsync(TextWriter log)
    {
        var file = Path.Combine(Returns.Scratch, "loop.csv");
        var (rows, _) = LongReturn.Write(file, 1_000_000);
        var path = Returns.Path(Returns.Province, "loop.csv");
        for (var i = 0; i < 4; i++)
        {
            var before = GC.GetTotalAllocatedBytes(true);
            var clock = Stopwatch.StartNew();
            await using var stream = File.OpenRead(file);
            var result = await ReturnChecker.Default.CheckAsync(stream, path);
            log.WriteLine($"  checker: {rows:N0} rows in {clock.Elapsed.TotalSeconds:0.000} s, {(GC.GetTotalAllocatedBytes(true) - before) / rows} B/row, {result.Outcome}");
        }
    }
}
