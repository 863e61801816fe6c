using System.Diagnostics;
using QiIngest.Bench;
using QiIngest.Bench.Figures;
using QiIngest.Bench.Reporting;
using QiIngest.Bench.Storage;
using QiIngest.Testing;

// bash bench/run.sh [--full] [--only NAME,...] [--out FILE] [--azurite-ports N] — see bench/README.md.
var azuritePorts = OptionValue("--azurite-ports") is { } ports ? int.Parse(ports, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
if (args.Length > 0 && args[0] == "memory-child")
{
    await AzuriteEndpoints.UseAsync(azuritePorts, start: false);
    return await MemoryChild.RunAsync(args);
}

if (args.Length > 0 && args[0] == "xlsx-memory-child")
{
    return await XlsxMemory.ChildMainAsync(args);
}

var mode = args.Contains("--full") ? BenchMode.Full : BenchMode.Quick;
var only = OptionValue("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var output = OptionValue("--out") ?? Path.Combine(Azurite.RepositoryRoot(), "bench", "results", "latest.json");
bool Wanted(params string[] names) => only is null || names.Any(only.Contains);
string? OptionValue(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

var log = Console.Error;
var clock = Stopwatch.StartNew();
log.WriteLine($"QiIngest bench, {mode.Name} mode");
var figures = new List<Figure>();
try
{
    if (Wanted("parse_vs_raw"))
    {
        figures.Add(await ParseVsRaw.RunAsync(mode, log));
    }

    if (Wanted("json_vs_raw"))
    {
        figures.Add(await JsonVsRaw.RunAsync(mode, log));
    }

    if (Wanted("xlsx_vs_library"))
    {
        figures.Add(await XlsxVsLibrary.RunAsync(mode, log));
    }

    if (Wanted("xlsx_memory"))
    {
        figures.Add(await XlsxMemory.RunAsync(mode, log));
    }

    var storageFigures = new[] { "ingest_vs_ceiling", "naive_vs_ceiling", "ingest_growth", "transactions_per_1000_obs", "memory_100mib", "memory_growth", "memory_fixed_mib", "rollup_growth" };
    if (Wanted([.. storageFigures, "burst_vs_serial", "azurite_scaling", "sdk_alloc", "alloc_stub", "alloc_azurite"]))
    {
        log.WriteLine(azuritePorts is { } first ? $"  starting a private Azurite on 127.0.0.1:{first}-{first + 2}" : "  starting or finding Azurite on 127.0.0.1:10000-10002");
        await AzuriteEndpoints.UseAsync(azuritePorts, start: true);
    }

    if (only?.Contains("parse_loop") == true)
    {
        await QiIngest.Bench.Experiments.ParseLoop.RunAsync(log);
    }

    if (only?.Contains("json_loop") == true)
    {
        await QiIngest.Bench.Experiments.ParseLoop.RunAsync(log, json: true);
    }

    if (only?.Contains("alloc_stub") == true || only?.Contains("alloc_azurite") == true)
    {
        await QiIngest.Bench.Experiments.AllocationProfile.RunAsync(log, stub: only.Contains("alloc_stub"));
    }

    if (only?.Contains("sdk_alloc") == true)
    {
        await QiIngest.Bench.Experiments.SdkAllocations.RunAsync(log);
    }

    if (only?.Contains("azurite_scaling") == true)
    {
        await QiIngest.Bench.Experiments.AzuriteScaling.RunAsync(log);
    }

    if (Wanted("ingest_vs_ceiling", "naive_vs_ceiling", "ingest_growth", "transactions_per_1000_obs"))
    {
        figures.AddRange(await IngestFigures.RunAsync(mode, log));
    }

    if (Wanted("memory_100mib", "memory_growth", "memory_fixed_mib"))
    {
        figures.AddRange(await MemoryFigure.RunAsync(mode, log));
    }

    if (Wanted("rollup_growth"))
    {
        figures.Add(await RollupGrowth.RunAsync(mode, log));
    }

    if (Wanted("burst_vs_serial"))
    {
        figures.Add(await BurstVsSerial.RunAsync(mode, log));
    }
}
finally
{
    Directory.Delete(Returns.Scratch, recursive: true);
    AzuriteEndpoints.Stop();
}

foreach (var figure in figures)
{
    Console.WriteLine(figure.Line);
}

log.WriteLine();
foreach (var figure in figures)
{
    log.WriteLine($"  {figure.Name,-27} {figure.Value,8:0.###}  target {figure.TargetText,-6} {(figure.Met ? "met" : "MISSED")}");
}

ResultsFile.Write(output, mode.Name, figures, clock.Elapsed.TotalSeconds);
log.WriteLine($"  {clock.Elapsed.TotalSeconds:0} s; results in {output}");
return 0;
