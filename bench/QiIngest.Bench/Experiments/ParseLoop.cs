using System.Diagnostics;
using QiIngest.Bench.Figures;
using QiIngest.Bench.Inputs;
using QiIngest.Core;

namespace QiIngest.Bench.Experiments;

/// <summary>Runs the checker over a 10^6-row return (CSV, or its JSON form) a few times, for a profiler to watch.</summary>
internal static class ParseLoop
{
    /// <param name="log">Progress.</param>
    /// <param name="json">Whether to check the JSON form of the return (<c>json_loop</c>) instead of the CSV.</param>
    public static async Task RunAsync(TextWriter log, bool json = false)
    {
        var file = Path.Combine(Returns.Scratch, "loop.csv");
        var (rows, _) = LongReturn.Write(file, 1_000_000);
        if (json)
        {
            LongJson.Write(file, file = Path.Combine(Returns.Scratch, "loop.json"), Returns.Province, Returns.Period);
        }

        var path = Returns.Path(Returns.Province, Path.GetFileName(file));
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
