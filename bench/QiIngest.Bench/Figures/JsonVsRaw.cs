using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Measuring;
using QiIngest.Bench.Reporting;
using QiIngest.Core;

namespace QiIngest.Bench.Figures;

/// <summary>
/// <c>json_vs_raw</c>: rows/s of <see cref="ReturnChecker.CheckAsync"/> (no sink) on the JSON form of the
/// <c>parse_vs_raw</c> return, over rows/s of a bare <see cref="Utf8JsonReader"/> pass over the same file that streams
/// it in buffers and touches every token's value. The measured runs of the two alternate (see <see cref="RunAsync"/>).
/// </summary>
internal static class JsonVsRaw
{
    private const double WarmupSeconds = 3;
    private const int BufferBytes = 1 << 16;

    public static async Task<Figure> RunAsync(BenchMode mode, TextWriter log)
    {
        var csv = Path.Combine(Returns.Scratch, "json.csv");
        var file = Path.Combine(Returns.Scratch, "parse.json");
        var (rows, csvBytes) = LongReturn.Write(csv, mode.ParseRows);
        var bytes = LongJson.Write(csv, file, Returns.Province, Returns.Period);
        var path = Returns.Path(Returns.Province, "parse.json");
        log.WriteLine($"  json_vs_raw: {rows:N0} rows, {bytes / 1048576.0:0.0} MiB (the CSV: {csvBytes / 1048576.0:0.0} MiB)");

        long touched = 0;
        CheckResult? last = null;
        var checker = ReturnChecker.Default;
        Task Raw(int _)
        {
            touched = RawRead(file);
            return Task.CompletedTask;
        }

        async Task Ours(int _)
        {
            await using var stream = File.OpenRead(file);
            last = await checker.CheckAsync(stream, path);
        }

        // Both sides warm up as parse_vs_raw's do; then the measured runs alternate, one of each per round, so that a
        // load that comes and goes on a shared machine weighs on both (medians of each side).
        await Sample.TakeAsync(5, 0, Raw, WarmupSeconds);
        await Sample.TakeAsync(5, 0, Ours, WarmupSeconds);
        var rawRuns = new List<Sample>();
        var ourRuns = new List<Sample>();
        var rawCpu = new List<double>();
        var ourCpu = new List<double>();
        using var self = Process.GetCurrentProcess();
        for (var i = 0; i < mode.ParseRuns; i++)
        {
            // CPU time too: on a loaded machine the wall time also counts the waits for a core.
            var cpu = self.TotalProcessorTime;
            rawRuns.Add(await Sample.TakeAsync(0, 1, Raw));
            self.Refresh();
            rawCpu.Add((self.TotalProcessorTime - cpu).TotalSeconds);
            cpu = self.TotalProcessorTime;
            ourRuns.Add(await Sample.TakeAsync(0, 1, Ours));
            self.Refresh();
            ourCpu.Add((self.TotalProcessorTime - cpu).TotalSeconds);
        }

        var raw = new Sample([.. rawRuns.Select(r => r.Seconds[0])], [.. rawRuns.Select(r => r.AllocatedBytes[0])]);
        var ours = new Sample([.. ourRuns.Select(r => r.Seconds[0])], [.. ourRuns.Select(r => r.AllocatedBytes[0])]);
        if (last is not { IsAccepted: true } || last.ObservationCount != rows)
        {
            throw new InvalidOperationException($"The generated JSON return was not accepted whole: {last?.Outcome}, {last?.ObservationCount} of {rows}; {string.Join("; ", last?.Errors.Take(3).Select(e => e.Message) ?? [])}");
        }

        var rawRate = rows / raw.Median;
        var ourRate = rows / ours.Median;
        return new Figure("json_vs_raw", ourRate / rawRate, AtMost: false, 0.3, new JsonObject
        {
            ["rows"] = rows,
            ["fileBytes"] = bytes,
            ["runs"] = mode.ParseRuns,
            ["rawReaderSecondsMedian"] = raw.Median,
            ["rawReaderRowsPerSecond"] = Math.Round(rawRate),
            ["rawReaderValueBytesTouched"] = touched,
            ["checkerSecondsMedian"] = ours.Median,
            ["checkerSeconds"] = new JsonArray([.. ours.Seconds.Select(s => (JsonNode)s)]),
            ["rawReaderSeconds"] = new JsonArray([.. raw.Seconds.Select(s => (JsonNode)s)]),
            ["bestOverBest"] = raw.Best / ours.Best,
            ["cpuSecondsMedianRatio"] = Sample.Middle(rawCpu) / Sample.Middle(ourCpu),
            ["rawReaderCpuSeconds"] = new JsonArray([.. rawCpu.Select(s => (JsonNode)s)]),
            ["checkerCpuSeconds"] = new JsonArray([.. ourCpu.Select(s => (JsonNode)s)]),
            ["checkerRowsPerSecond"] = Math.Round(ourRate),
            ["checkerAllocatedBytesPerRow"] = ours.MedianAllocated / rows,
            ["rawReaderAllocatedBytesPerRow"] = raw.MedianAllocated / rows,
        });
    }

    /// <summary>
    /// The baseline: the file read in 64 KiB buffers, every token read by one <see cref="Utf8JsonReader"/> per buffer
    /// and its value span's length summed; a token cut by the buffer's end is read again from the next buffer, which
    /// starts with the bytes left over.
    /// </summary>
    private static long RawRead(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[BufferBytes];
        var state = default(JsonReaderState);
        var filled = 0;
        var final = false;
        long sum = 0;
        while (!final)
        {
            var n = stream.Read(buffer, filled, buffer.Length - filled);
            final = n == 0;
            filled += n;
            var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
            while (reader.Read())
            {
                sum += reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            }

            state = reader.CurrentState;
            var consumed = (int)reader.BytesConsumed;
            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }

        return sum;
    }
}
