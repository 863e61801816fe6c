using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Cli.Demo;
using QiIngest.Cli.Rendering;
using QiIngest.Cli.Storage;
using QiIngest.Core;
using QiIngest.Core.Catalog;
using QiIngest.Core.Receipts;
using QiIngest.LocalHost;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Rollup;
using Spectre.Console;

namespace QiIngest.Cli.Commands;

/// <summary>
/// <c>qi demo [--keep-running]</c>: the pipeline end to end on this machine in one command. Installs and starts Azurite if
/// nothing listens on its ports, uploads the sample returns of 2022 and 2023, starts the local host (the real WebJobs
/// blob trigger and timer), waits for every receipt, runs the rollup, prints the national tables, saves the 2023
/// dashboard to <c>out/dashboard-2023.html</c> and stops what it started. Run twice, the uploads are the same bytes: the
/// pipeline finds their receipts, makes no new version, and the rollup rewrites nothing. What was uploaded in between
/// (with <c>--keep-running</c> and <c>qi upload</c>) stays current, as the reporting form wants; <c>--reset</c> starts
/// from empty storage.
/// </summary>
internal static class DemoCommand
{
    private static readonly string[] Periods = ["2022", "2023"];

    public static Command Create(CliContext context)
    {
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep Azurite and the local host running afterwards, for qi upload, qi status and qi report; stop with Ctrl+C." };
        var reset = new Option<bool>("--reset") { Description = "Start from empty storage: delete what earlier runs left in .azurite/ (only when qi demo starts Azurite itself)." };
        var timeout = new Option<int>("--timeout") { Description = "How many seconds to wait for the receipts (default 180).", DefaultValueFactory = _ => 180 };
        var command = new Command("demo", "Run the whole pipeline locally with the sample returns: Azurite, the local host, uploads, receipts, rollup, national tables and the dashboard (out/dashboard-2023.html).")
        {
            keepRunning, reset, timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(keepRunning), parse.GetValue(reset), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool keepRunning, bool reset, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = context.Clock.GetUtcNow();
        var root = RepositoryRoot.Find(context.WorkingDirectory)
            ?? throw new CliException(ExitCodes.Usage, "qi demo runs from a clone of the repository (it needs samples/uploads and eng/azurite): cd into the clone, or run bash eng/demo.sh.");
        void Step(string text) => context.Console.MarkupLine($"[grey]{clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),5} s[/] {Markup.Escape(text)}");

        var azurite = await AzuriteProcess.EnsureRunningAsync(root, reset, Step, cancellationToken);
        try
        {
            await using var storage = CliStorage.Connect(AzuriteProcess.ConnectionString, null, context.Settings);
            var samples = Samples(root);
            var uploads = await storage.GuardAsync(async () =>
            {
                await storage.Storage.EnsureCreatedAsync(cancellationToken);
                return await UploadAsync(context, storage, samples, cancellationToken);
            });
            Step($"Uploaded {uploads.Count} sample returns ({string.Join(", ", Periods.Select(p => $"{uploads.Count(u => u.BlobName.Contains($"/{p}/", StringComparison.Ordinal))} for {p}"))}) to uploads/.");

            using var counter = new IngestionCounter();
            using var host = LocalHostBuilder.Create(HostSettings(keepRunning), services =>
                services.AddSingleton<IUploadIngestor>(sp => new CountingIngestor(sp.GetRequiredService<IngestionService>(), counter)));
            await host.StartAsync(cancellationToken);
            try
            {
                Step("Started the local host: the WebJobs SDK with the blob trigger on uploads/ and the rollup timer.");
                var uploader = new ReturnUploader(storage.Storage, context.Clock);
                var receipts = await storage.GuardAsync(() => WaitForReceiptsAsync(context, uploader, uploads, timeout, cancellationToken));
                Step($"All {receipts.Length} receipts are in.");
                ReceiptSummary(context, uploads, receipts, startedAt);

                // Re-uploaded bytes already had their receipts; let the host finish finding that out before it stops.
                if (!await counter.WaitForAsync([.. uploads.Select(u => u.BlobName)], timeout, context.Clock, cancellationToken))
                {
                    Step("The local host had not finished with every upload in time; it will when it runs next.");
                }

                var run = await storage.GuardAsync(() => host.Services.GetRequiredService<INationalRollup>().RunAsync(cancellationToken));
                Step(RollupCommand.RollupSummary(run));
                var reports = new PublishedReports(storage.Services.GetRequiredService<QiIngest.Storage.Reading.ReadService>());
                foreach (var period in Periods)
                {
                    var rollup = await storage.GuardAsync(() => reports.ReadNationalAsync(period, cancellationToken))
                        ?? throw new CliException(ExitCodes.Failed, PublishedReports.NoReport(period));
                    context.Console.WriteLine();
                    NationalTableView.Render(context.Console, rollup);
                }

                var dashboard = Path.Combine(root, "out", "dashboard-2023.html");
                if (!await storage.GuardAsync(() => reports.DownloadDashboardAsync("2023", dashboard, cancellationToken)))
                {
                    throw new CliException(ExitCodes.Failed, PublishedReports.NoReport("2023"));
                }

                context.Console.WriteLine();
                Step($"Dashboard: {dashboard} (stored at {reports.DashboardUri("2023")}).");
                if (keepRunning)
                {
                    await KeepRunningAsync(context, cancellationToken);
                }
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
                Step("Stopped the local host.");
            }
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
                Step("Stopped Azurite.");
            }
        }

        Step("Done.");
        return ExitCodes.Ok;
    }

    /// <summary>The sample returns of the demo's periods: <c>samples/uploads/{reporter}/{period}/{file}</c>.</summary>
    private static List<(string LocalPath, UploadPath Path)> Samples(string root)
    {
        var folder = Path.Combine(root, "samples", "uploads");
        var samples = new List<(string, UploadPath)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var parts = Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar);
            if (parts.Length == 3 && Periods.Contains(parts[1]) && UploadPath.Parse(parts[0], parts[1], parts[2], ReporterRegistry.Default).Path is { } path)
            {
                samples.Add((file, path));
            }
        }

        return samples.Count > 0 ? samples : throw new CliException(ExitCodes.Usage, $"There are no sample returns under {folder}: restore samples/ from git.");
    }

    private static async Task<List<UploadedReturn>> UploadAsync(CliContext context, CliStorage storage, List<(string LocalPath, UploadPath Path)> samples, CancellationToken cancellationToken)
    {
        var uploader = new ReturnUploader(storage.Storage, context.Clock);
        var uploads = new UploadedReturn[samples.Count];
        await Parallel.ForAsync(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            uploads[i] = await uploader.UploadAsync(samples[i].LocalPath, samples[i].Path, null, ct));
        return [.. uploads];
    }

    private static async Task<Receipt[]> WaitForReceiptsAsync(CliContext context, ReturnUploader uploader, List<UploadedReturn> uploads, TimeSpan timeout, CancellationToken cancellationToken)
    {
        async Task<Receipt> One(UploadedReturn upload, Action done)
        {
            var receipt = await uploader.WaitForReceiptAsync(upload, timeout, cancellationToken)
                ?? throw new CliException(ExitCodes.Unavailable, $"No receipt for uploads/{upload.BlobName} within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: the local host did not process it; run again with --timeout 600, or look at the messages above.");
            done();
            return receipt;
        }

        if (!context.Interactive)
        {
            return await Task.WhenAll(uploads.Select(u => One(u, () => { })));
        }

        Receipt[] receipts = [];
        await context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Waiting for receipts", maxValue: uploads.Count);
                receipts = await Task.WhenAll(uploads.Select(u => One(u, () => task.Increment(1))));
            });
        return receipts;
    }

    private static void ReceiptSummary(CliContext context, List<UploadedReturn> uploads, Receipt[] receipts, DateTimeOffset startedAt)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Receipts")
            .AddColumn("Period").AddColumn(new TableColumn("Returns").RightAligned()).AddColumn(new TableColumn("Accepted").RightAligned())
            .AddColumn(new TableColumn("With warnings").RightAligned()).AddColumn(new TableColumn("Rejected").RightAligned())
            .AddColumn(new TableColumn("New versions").RightAligned()).AddColumn(new TableColumn("Already had these bytes").RightAligned());
        foreach (var period in Periods)
        {
            var of = receipts.Where((r, i) => uploads[i].BlobName.Contains($"/{period}/", StringComparison.Ordinal)).ToList();
            var fresh = of.Count(r => r.ProcessedAt >= startedAt && r.Version is not null);
            table.AddRow(
                period,
                Count(of.Count),
                Count(of.Count(r => r.Outcome == Outcome.Accepted)),
                Count(of.Count(r => r.Outcome == Outcome.AcceptedWithWarnings)),
                Count(of.Count(r => r.Outcome == Outcome.Rejected)),
                Count(fresh),
                Count(of.Count(r => r.ProcessedAt < startedAt)));
        }

        context.Console.Write(table);
        foreach (var rejected in receipts.Where(r => r.Outcome == Outcome.Rejected))
        {
            ReceiptView.Render(context.Console, rejected);
        }
    }

    private static async Task KeepRunningAsync(CliContext context, CancellationToken cancellationToken)
    {
        context.Console.MarkupLine("The local host and Azurite keep running. Try: [bold]qi upload FILE --reporter 110000 --period 2023[/], [bold]qi status --period 2023[/], [bold]qi report --period 2023 --open[/]. Stop with Ctrl+C.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the normal way to stop.
        }
    }

    private static IConfiguration HostSettings(bool verbose) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        [StorageOptions.ConnectionName] = AzuriteProcess.ConnectionString,
        [LocalHostSettings.HostStorage] = AzuriteProcess.ConnectionString,
        ["Logging:LogLevel:Default"] = "Error",
        ["Logging:LogLevel:QiIngest"] = verbose ? "Information" : "Warning",
        ["Logging:LogLevel:Function"] = verbose ? "Information" : "Error",
        ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
    }).Build();

    private static string Count(int value) => DisplayValue.Count(value);
}
