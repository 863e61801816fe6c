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
        var runs = int.TryParse(Environment.GetEnvironmentVariable("QI_PARSE_LOOP_RUNS"), out var n) ? n : 4;
        var cpu = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetTotalAllocatedBytes(true);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            await using var stream = File.OpenRead(file);
            var result = await ReturnChecker.Default.CheckAsync(stream, path);
            cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds);
            log.WriteLine($"  checker: {rows:N0} rows in {clock.Elapsed.TotalSeconds:0.000} s ({cpu[^1]:0.000} s CPU), {(GC.GetTotalAllocatedBytes(true) - before) / rows} B/row, {result.Outcome}");
        }

        // The last half's CPU time: the first runs are still being compiled by the tiers.
        var settled = cpu.Skip(runs / 2).Order().ToArray();
        log.WriteLine($"  checker: median CPU of the last {settled.Length} runs {settled[settled.Length / 2]:0.000} s");
    }
}
