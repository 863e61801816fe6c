using System.Text.Json.Nodes;
using nietras.SeparatedValues;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Measuring;
using QiIngest.Bench.Reporting;
using QiIngest.Core;

namespace QiIngest.Bench.Figures;

/// <summary>
/// <c>parse_vs_raw</c>: rows/s of the core's reader, normaliser and validator (<see cref="ReturnChecker.CheckAsync"/>,
/// no sink) over rows/s of a raw Sep read of the same file that only touches every field.
/// </summary>
internal static class ParseVsRaw
{
    private const double WarmupSeconds = 3;

    public static async Task<Figure> RunAsync(BenchMode mode, TextWriter log)
    {
        var file = System.IO.Path.Combine(Returns.Scratch, "parse.csv");
        var (rows, bytes) = LongReturn.Write(file, mode.ParseRows);
        var path = Returns.Path(Returns.Province, "parse.csv");
        log.WriteLine($"  parse_vs_raw: {rows:N0} rows, {bytes / 1048576.0:0.0} MiB");

        long touched = 0;

        // Process CPU time beside wall time: on a machine shared with other work the wall times say how busy it was.
        var rawCpu = new List<double>();
        var ourCpu = new List<double>();
        // Tiered compilation replaces the code it measures some time after its first calls: at 10^5 rows the checker
        // settled only after about ten runs, so both sides warm up for a few seconds.
        var raw = await Sample.TakeAsync(5, mode.ParseRuns, i =>
        {
            var cpu = Environment.CpuUsage.TotalTime;
            touched = RawRead(file);
            Keep(rawCpu, i, cpu);
            return Task.CompletedTask;
        }, WarmupSeconds);

        CheckResult? last = null;
        var checker = ReturnChecker.Default;
        var ours = await Sample.TakeAsync(5, mode.ParseRuns, async i =>
        {
            var cpu = Environment.CpuUsage.TotalTime;
            await using (var stream = File.OpenRead(file))
            {
                last = await checker.CheckAsync(stream, path);
            }

            Keep(ourCpu, i, cpu);
        }, WarmupSeconds);
        if (last is not { IsAccepted: true } || last.ObservationCount != rows)
        {
            throw new InvalidOperationException($"The generated return was not accepted whole: {last?.Outcome}, {last?.ObservationCount} of {rows}; {string.Join("; ", last?.Errors.Take(3).Select(e => e.Message) ?? [])}");
        }

        var rawRate = rows / raw.Median;
        var ourRate = rows / ours.Median;
        var cpuRatio = Sample.Middle(rawCpu) / Sample.Middle(ourCpu);
        log.WriteLine($"  parse_vs_raw: checker {ourRate:N0} rows/s, Sep {rawRate:N0} rows/s; by CPU time {cpuRatio:0.###}");
        return new Figure("parse_vs_raw", ourRate / rawRate, AtMost: false, 0.4, new JsonObject
        {
            ["rows"] = rows,
            ["fileBytes"] = bytes,
            ["runs"] = mode.ParseRuns,
            ["rawSepSecondsMedian"] = raw.Median,
            ["rawSepRowsPerSecond"] = Math.Round(rawRate),
            ["rawSepFieldCharsTouched"] = touched,
            ["checkerSecondsMedian"] = ours.Median,
            ["checkerSeconds"] = new JsonArray([.. ours.Seconds.Select(s => (JsonNode)s)]),
            ["checkerRowsPerSecond"] = Math.Round(ourRate),
            ["checkerAllocatedBytesPerRow"] = ours.MedianAllocated / rows,
            ["rawSepAllocatedBytesPerRow"] = raw.MedianAllocated / rows,
            ["checkerCpuSecondsMedian"] = Sample.Middle(ourCpu),
            ["rawSepCpuSecondsMedian"] = Sample.Middle(rawCpu),
            ["cpuRatio"] = cpuRatio,
        });
    }

    /// <summary>Records a measured run's process CPU time (warm-up runs have negative indices).</summary>
    private static void Keep(List<double> cpu, int run, TimeSpan before)
    {
        if (run >= 0)
        {
            cpu.Add((Environment.CpuUsage.TotalTime - before).TotalSeconds);
        }
    }

    /// <summary>The baseline: Sep reads the file and every field's span is touched, nothing else.</summary>
    private static long RawRead(string file)
    {
        using var reader = Sep.Reader(o => o with { HasHeader = true, Unescape = true }).FromFile(file);
        long sum = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                sum += row[i].Span.Length;
            }
        }

        return sum;
    }
}
