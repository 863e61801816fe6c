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
/// it in buffers and touches every token's value.
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
        var raw = await Sample.TakeAsync(5, mode.ParseRuns, _ =>
        {
            touched = RawRead(file);
            return Task.CompletedTask;
        }, WarmupSeconds);

        CheckResult? last = null;
        var checker = ReturnChecker.Default;
        var ours = await Sample.TakeAsync(5, mode.ParseRuns, async _ =>
        {
            await using var stream = File.OpenRead(file);
            last = await checker.CheckAsync(stream, path);
        }, WarmupSeconds);
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
