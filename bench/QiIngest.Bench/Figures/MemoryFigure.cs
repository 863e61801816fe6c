using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using QiIngest.Bench.Inputs;
using QiIngest.Bench.Reporting;
using QiIngest.Bench.Storage;

namespace QiIngest.Bench.Figures;

/// <summary>
/// <c>memory_100mib</c>: the peak working set of a process that ingests one large return, over the file's size. The
/// ingestion runs in a child process (<c>memory-child</c>) so that the peak is the ingestion's own, not the generator's,
/// the uploader's or the other figures'. <c>memory_growth</c>: what the peak grows by per byte of file, between a return
/// a tenth of that size and the large one, both in the same run; <c>memory_fixed_mib</c>: the peak of an 800-row return.
/// </summary>
internal static class MemoryFigure
{
    /// <summary>The most rows a return may have under the default limits.</summary>
    private const int DefaultMaxRows = 1_000_000;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchMode mode, TextWriter log)
    {
        // The worst case under the default limits is both at once: the largest file with the most rows, so rows of ~105
        // bytes (a 备注 column pads them). A smaller file in quick mode keeps the same row shape.
        var rowBytes = (int)Math.Ceiling(100.0 * 1024 * 1024 / DefaultMaxRows);
        var file = Path.Combine(Returns.Scratch, "memory.csv");
        var (rows, bytes) = LongReturn.Write(file, LongReturn.RowsFor(mode.MemoryFileBytes, rowBytes), rowBytes);
        var tiny = Path.Combine(Returns.Scratch, "memory-tiny.csv");
        var (tinyRows, tinyBytes) = LongReturn.Write(tiny, 800, rowBytes);
        var small = Path.Combine(Returns.Scratch, "memory-small.csv");
        var (smallRows, smallBytes) = LongReturn.Write(small, LongReturn.RowsFor(mode.MemoryFileBytes / 10, rowBytes), rowBytes);
        log.WriteLine($"  memory: {rows:N0} rows of ~{rowBytes} bytes, {bytes / 1048576.0:0.0} MiB");

        // The observation transactions are answered in the child (Azurite would take hours for 10^6 rows in one
        // partition); the download, the check, the SDK's serialisation, the ledger and the receipt are all real.
        await using var storage = await BenchStorage.CreateAsync();
        var baseline = await ChildAsync(storage, tiny, $"{Returns.Province}/{Returns.Period}/tiny.csv", tinyRows, stub: true);
        var smallChild = await ChildAsync(storage, small, $"430000/{Returns.Period}/memory-small.csv", smallRows, stub: true);
        var child = await ChildAsync(storage, file, $"450000/{Returns.Period}/memory.csv", rows, stub: true);
        var peak = child["peakWorkingSetBytes"]!.GetValue<long>();
        var smallPeak = smallChild["peakWorkingSetBytes"]!.GetValue<long>();
        var fixedPeak = baseline["peakWorkingSetBytes"]!.GetValue<long>();
        log.WriteLine($"  memory: peak working set {peak / 1048576.0:0.0} MiB ({smallBytes / 1048576.0:0.0} MiB: {smallPeak / 1048576.0:0.0} MiB; {tinyRows:N0} rows: {fixedPeak / 1048576.0:0.0} MiB)");

        // The stub must not change the peak much: compare with a real Azurite ingestion of a size Azurite can take.
        JsonObject? check = null;
        if (mode.MemoryCheckRows > 0)
        {
            var middle = Path.Combine(Returns.Scratch, "memory-check.csv");
            var (checkRows, _) = LongReturn.Write(middle, mode.MemoryCheckRows, rowBytes);
            var real = await ChildAsync(storage, middle, $"460000/{Returns.Period}/check.csv", checkRows, stub: false);
            var stubbed = await ChildAsync(storage, middle, $"500000/{Returns.Period}/check.csv", checkRows, stub: true);
            check = new JsonObject { ["rows"] = checkRows, ["azurite"] = real, ["stubbed"] = stubbed };
            log.WriteLine($"  memory: {checkRows:N0} rows peak on Azurite {real["peakWorkingSetBytes"]!.GetValue<long>() / 1048576.0:0.0} MiB, stubbed {stubbed["peakWorkingSetBytes"]!.GetValue<long>() / 1048576.0:0.0} MiB");
        }
        var growth = new Figure("memory_growth", (double)(peak - smallPeak) / (bytes - smallBytes), AtMost: true, 0.2, new JsonObject
        {
            ["largeFileBytes"] = bytes,
            ["largePeakBytes"] = peak,
            ["smallFileBytes"] = smallBytes,
            ["smallRows"] = smallRows,
            ["smallPeakBytes"] = smallPeak,
            ["smallChild"] = smallChild,
            ["note"] = mode.MemoryFileBytes < 100L * 1024 * 1024
                ? $"quick mode: {bytes / 1048576.0:0.0} MiB vs {smallBytes / 1048576.0:0.0} MiB, not 100 vs 10 MiB (same row shape)"
                : "100 MiB vs 10 MiB, same row shape",
            ["how"] = "(peak of the large return - peak of the small one) / (their size difference); both children stubbed, in the same run",
        });
        var fixedCost = new Figure("memory_fixed_mib", fixedPeak / 1048576.0, AtMost: false, 0, new JsonObject
        {
            ["rows"] = tinyRows,
            ["fileBytes"] = tinyBytes,
            ["peakBytes"] = fixedPeak,
            ["how"] = "peak working set (VmHWM) of the memory child ingesting an 800-row return: the runtime, the SDKs, ICU and the JIT (reported, no target)",
        });
        return [growth, fixedCost, new Figure("memory_100mib", (double)peak / bytes, AtMost: true, 1.0, new JsonObject
        {
            ["fileBytes"] = bytes,
            ["rows"] = rows,
            ["rowBytes"] = rowBytes,
            ["note"] = mode.MemoryFileBytes < 100L * 1024 * 1024
                ? $"quick mode: a {bytes / 1048576.0:0.0} MiB return, not 100 MiB (same row shape)"
                : "a 100 MiB return with ~10^6 rows: both default limits at once",
            ["child"] = child,
            ["baselineChild"] = baseline,
            ["baselineFileBytes"] = tinyBytes,
            ["peakAboveBaselinePerFileByte"] = (double)(peak - baseline["peakWorkingSetBytes"]!.GetValue<long>()) / bytes,
            ["childRuntimeSettings"] = new JsonObject(ChildRuntime.Value.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["stubCheck"] = check,
            ["how"] = "child process; observation transactions answered in-process after serialisation (see StubbedObservationBatches); everything else on Azurite",
        })];
    }

    private static async Task<JsonObject> ChildAsync(BenchStorage storage, string file, string blobName, int rows, bool stub)
    {
        await storage.UploadAsync(blobName, file);
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryFigure).Assembly.Location);
        }

        foreach (var argument in new[] { "memory-child", file, "--storage", storage.Id, "--blob", blobName, "--rows", rows.ToString(CultureInfo.InvariantCulture), stub ? "--stub" : "--azurite" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in ChildRuntime.Value)
        {
            start.Environment[name] = value;
        }

        if (AzuriteEndpoints.PrivateBase is { } first)
        {
            start.ArgumentList.Add("--azurite-ports");
            start.ArgumentList.Add(first.ToString(CultureInfo.InvariantCulture));
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the memory child.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The memory child failed with exit code {process.ExitCode}: {output}");
        }

        return JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
    }

    /// <summary>
    /// The runtime settings of the hosts that ingest (<c>eng/IngestionRuntime.props</c>, imported by the Functions app and
    /// the local host) as the environment variables that give the child the same: the child is this bench's executable,
    /// whose own runtimeconfig must not change the other figures. A setting this does not know fails the figure rather
    /// than being left out.
    /// </summary>
    internal static readonly Lazy<IReadOnlyDictionary<string, string>> ChildRuntime = new(() =>
    {
        var props = XDocument.Load(Path.Combine(QiIngest.Testing.Azurite.RepositoryRoot(), "eng", "IngestionRuntime.props"));
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in props.Descendants().Where(e => !e.HasElements && e.Name.LocalName is not ("Project" or "PropertyGroup" or "ItemGroup")))
        {
            var (name, value) = element.Name.LocalName == "RuntimeHostConfigurationOption"
                ? ((string?)element.Attribute("Include"), (string?)element.Attribute("Value"))
                : (element.Name.LocalName, element.Value.Trim());
            settings[name switch
            {
                "TieredPGO" => "DOTNET_TieredPGO",
                "System.GC.Gen0MaxBudget" => "DOTNET_GCGen0MaxBudget",
                "System.GC.ConserveMemory" => "DOTNET_GCConserveMemory",
                _ => throw new InvalidOperationException($"eng/IngestionRuntime.props sets {name}, which the memory child does not know how to mirror: add it here."),
            }] = value switch
            {
                "true" => "1",
                "false" => "0",

                // DOTNET_ numbers are hexadecimal.
                _ => long.Parse(value!, CultureInfo.InvariantCulture).ToString("X", CultureInfo.InvariantCulture),
            };
        }

        return settings;
    });
}
