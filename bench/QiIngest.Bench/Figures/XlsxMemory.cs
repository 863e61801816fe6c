using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Reporting;
using QiIngest.Core;
using QiIngest.Core.Catalog;

namespace QiIngest.Bench.Figures;

/// <summary>
/// <c>xlsx_memory</c>: the peak working set (<c>VmHWM</c>) of a child process that checks one long XLSX (no storage),
/// over the bytes its parts decompress to. Its notes are distinct shared strings, the worst case for what the reader
/// keeps. The child's fixed cost is measured on a tiny workbook and reported beside it.
/// </summary>
internal static class XlsxMemory
{
    public static async Task<Figure> RunAsync(BenchMode mode, TextWriter log)
    {
        // Full: the parts decompress to ~200 MiB, the size issue 13 names.
        var rows = mode == BenchMode.Full ? 776_000 : 160_000;
        var (file, decompressed) = Write("memory", rows);
        var (tiny, tinyDecompressed) = Write("memory-tiny", 800);
        log.WriteLine($"  xlsx_memory: {rows:N0} rows, parts decompress to {decompressed / 1048576.0:0.0} MiB");
        var baseline = await ChildAsync(tiny, 800);
        var child = await ChildAsync(file, rows);
        var peak = child["peakWorkingSetBytes"]!.GetValue<long>();
        var fixedCost = baseline["peakWorkingSetBytes"]!.GetValue<long>();
        return new Figure("xlsx_memory", (double)peak / decompressed, AtMost: true, 0.5, new JsonObject
        {
            ["rows"] = rows,
            ["decompressedBytes"] = decompressed,
            ["fileBytes"] = new FileInfo(file).Length,
            ["child"] = child,
            ["baselineChild"] = baseline,
            ["baselineDecompressedBytes"] = tinyDecompressed,
            ["peakAboveBaselinePerDecompressedByte"] = (double)(peak - fixedCost) / decompressed,
        });
    }

    /// <summary><c>xlsx-memory-child FILE ROWS</c>: checks the file and prints its peak working set as one JSON line.</summary>
    public static async Task<int> ChildMainAsync(string[] args)
    {
        var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
        using var sampler = new MemoryChild.PeakSampler();
        var clock = Stopwatch.StartNew();
        CheckResult result;
        await using (var stream = File.OpenRead(args[1]))
        {
            // Not Returns.Path: touching Returns would make the child a scratch folder of its own.
            var path = UploadPath.Parse($"{Returns.Province}/{Returns.Period}/memory.xlsx", ReporterRegistry.Default).Path!;
            result = await ReturnChecker.Default.CheckAsync(stream, path);
        }

        clock.Stop();
        sampler.Stop();
        if (!result.IsAccepted || result.ObservationCount != rows)
        {
            await Console.Error.WriteLineAsync($"{args[1]} was not accepted whole: {result.Outcome}, {result.ObservationCount} of {rows}; {string.Join("; ", result.Errors.Take(3).Select(e => e.Message))}");
            return 1;
        }

        using var self = Process.GetCurrentProcess();
        var status = MemoryChild.ReadStatus();
        Console.WriteLine(new JsonObject
        {
            ["observations"] = result.ObservationCount,
            ["seconds"] = clock.Elapsed.TotalSeconds,
            ["peakWorkingSetBytes"] = status.GetValueOrDefault("VmHWM", self.PeakWorkingSet64),
            ["allocatedBytes"] = GC.GetTotalAllocatedBytes(precise: false),
            ["atPeak"] = sampler.AtPeak,
        }.ToJsonString());
        return 0;
    }

    private static (string File, long Decompressed) Write(string name, int rows)
    {
        var csv = Path.Combine(Returns.Scratch, name + ".csv");
        var xlsx = Path.Combine(Returns.Scratch, name + ".xlsx");
        LongReturn.Write(csv, rows, rowBytes: 105);
        LongXlsx.Write(csv, xlsx);
        using var archive = ZipFile.OpenRead(xlsx);
        return (xlsx, archive.Entries.Sum(e => e.Length));
    }

    private static async Task<JsonObject> ChildAsync(string file, int rows)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(XlsxMemory).Assembly.Location);
        }

        foreach (var argument in new[] { "xlsx-memory-child", file, rows.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in MemoryFigure.ChildRuntime.Value)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the XLSX memory child.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject()
            : throw new InvalidOperationException($"The XLSX memory child failed with exit code {process.ExitCode}: {output}");
    }
}
