using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    private static readonly TimeSpan HostStopTimeout = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        var keepRunning = new Option<bool>("--keep-running") { Description = context.Text.DemoKeepRunning };
        var reset = new Option<bool>("--reset") { Description = context.Text.DemoReset };
        var timeout = new Option<int>("--timeout") { Description = context.Text.DemoTimeout, DefaultValueFactory = _ => 180 };
        var command = new Command("demo", context.Text.DemoDescription)
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
            ?? throw new CliException(ExitCodes.Usage, context.Text.DemoNeedsClone);
        void Step(string text) => context.Console.MarkupLine($"[grey]{clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),5} s[/] {Markup.Escape(text)}");

        var interrupted = false;
        var azurite = await AzuriteProcess.EnsureRunningAsync(root, reset, Step, cancellationToken);
        try
        {
            await using var storage = CliStorage.Connect(AzuriteProcess.ConnectionString, null, context.Settings, context.Text);
            var samples = Samples(root);
            Step($"Uploading {samples.Count} sample returns from samples/uploads …");
            var uploads = await storage.GuardAsync(async () =>
            {
                await storage.Storage.EnsureCreatedAsync(cancellationToken);
                return await UploadAsync(context, storage, samples, cancellationToken);
            });
            Step($"Uploaded {uploads.Count} sample returns ({string.Join(", ", Periods.Select(p => $"{uploads.Count(u => u.BlobName.Contains($"/{p}/", StringComparison.Ordinal))} for {p}"))}) to uploads/.");

            using var counter = new IngestionCounter();
            using var host = LocalHostBuilder.Create(HostSettings(keepRunning), services =>
            {
                services.AddSingleton<IUploadIngestor>(sp => new CountingIngestor(sp.GetRequiredService<IngestionService>(), counter));

                // Ctrl+C is qi's to handle: it stops the host once, in order, instead of the host stopping itself too.
                services.AddSingleton<IHostLifetime, CommandLineLifetime>();
            });
            await host.StartAsync(cancellationToken);
            try
            {
                Step("Started the local host: the WebJobs SDK with the blob trigger on uploads/ and the rollup timer. Waiting for the receipts …");
                var uploader = new ReturnUploader(storage.Storage, context.Clock);
                var receipts = await storage.GuardAsync(() => WaitForReceiptsAsync(context, uploader, uploads, timeout, cancellationToken));
                Step($"All {receipts.Length} receipts are in.");
                ReceiptSummary(context, uploads, receipts, startedAt);

                // Re-uploaded bytes already had their receipts; let the host finish finding that out before it stops.
                Step("Waiting for the local host to finish with every upload …");
                if (!await counter.WaitForAsync([.. uploads.Select(u => u.BlobName)], timeout, context.Clock, cancellationToken))
                {
                    Step("The local host had not finished with every upload in time; it will when it runs next.");
                }

                Step("Running the rollup …");
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

                context.Console.WriteLine();
                await SaveReportsAsync(context, storage, reports, root, Step, cancellationToken);
                if (keepRunning)
                {
                    interrupted = await KeepRunningAsync(context, root, host, cancellationToken);
                }
            }
            finally
            {
                await StopHostAsync(host, Step);
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or AggregateException or Azure.RequestFailedException)
        {
            // Ctrl+C: what was in flight ends as a cancellation, or as a storage call's retries cut short.
            interrupted = true;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
                Step("Stopped Azurite.");
            }
        }

        Step(interrupted ? "Stopped by Ctrl+C." : "Done.");
        return interrupted ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    /// <summary>Stops the host within a few seconds; a listener that fails to stop (storage gone) is reported, not thrown.</summary>
    private static async Task StopHostAsync(IHost host, Action<string> step)
    {
        using var stopping = new CancellationTokenSource(HostStopTimeout);
        try
        {
            await host.StopAsync(stopping.Token);
            step("Stopped the local host.");
        }
#pragma warning disable CA1031 // Stopping is best effort: what matters is that qi exits and stops Azurite.
        catch (Exception e)
#pragma warning restore CA1031
        {
            step($"Stopped the local host ({e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}).");
        }
    }

    /// <summary>
    /// Every published report of the demo's periods into <c>out/reports/{period}/</c>, the 2023 dashboard also as
    /// <c>out/dashboard-2023.html</c>; prints where each one is, since Azurite is stopped afterwards.
    /// </summary>
    private static async Task SaveReportsAsync(CliContext context, CliStorage storage, PublishedReports reports, string root, Action<string> step, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, "out", "reports");
        var table = new Table().Border(TableBorder.Rounded).Title("Reports")
            .AddColumn("Period").AddColumn("Report").AddColumn("Saved to");
        foreach (var period in Periods)
        {
            var saved = await storage.GuardAsync(() => reports.DownloadAllAsync(period, folder, cancellationToken));
            foreach (var path in saved)
            {
                table.AddRow(Markup.Escape(period), Markup.Escape(Describe(Path.GetFileName(path))), Markup.Escape(path));
            }
        }

        var dashboard = Path.Combine(root, "out", "dashboard-2023.html");
        if (!await storage.GuardAsync(() => reports.DownloadDashboardAsync("2023", dashboard, cancellationToken)))
        {
            throw new CliException(ExitCodes.Failed, PublishedReports.NoReport("2023"));
        }

        context.Console.Write(table);
        step($"Dashboard: {dashboard} (stored at {reports.DashboardUri("2023")}).");
    }

    private static string Describe(string fileName) => fileName switch
    {
        BlobLayout.NationalJsonFile => "national figures, exact values (JSON)",
        BlobLayout.NationalCsvFile => "national figures (CSV)",
        BlobLayout.NationalSdmxCsvFile => "national figures (SDMX-CSV 2.0)",
        BlobLayout.DashboardFile => "dashboard (HTML)",
        _ => fileName,
    };

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
        var warned = receipts.Where(r => r.Outcome == Outcome.AcceptedWithWarnings).OrderBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.Reporter, StringComparer.Ordinal).ToList();
        if (warned.Count > 0)
        {
            context.Console.MarkupLine($"[yellow]Accepted with warnings ({warned.Count}):[/]");
            foreach (var receipt in warned)
            {
                context.Console.MarkupLine(Markup.Escape($"  {receipt.Path ?? receipt.File} ({ReporterName(receipt.Reporter)}): {receipt.WarningCount} warning{(receipt.WarningCount == 1 ? "" : "s")}"));
                foreach (var warning in receipt.Warnings)
                {
                    var where = string.Join(", ", new[] { warning.Row is int row ? $"row {row.ToString(CultureInfo.InvariantCulture)}" : null, warning.Column }.OfType<string>());
                    context.Console.MarkupLine(Markup.Escape($"    {warning.Type}{(where.Length > 0 ? $" ({where})" : "")}: {context.Text.Message(warning)}"));
                }
            }

            var first = warned[0];
            context.Console.MarkupLine(Markup.Escape($"One receipt in full: {QiCommand.Name(context.WorkingDirectory)} receipt {first.File} --reporter {first.Reporter} --period {first.Period} (with --keep-running)."));
        }

        foreach (var rejected in receipts.Where(r => r.Outcome == Outcome.Rejected))
        {
            ReceiptView.Render(context.Console, context.Text, rejected);
        }
    }

    private static string ReporterName(string code) =>
        ReporterRegistry.Default.FindProvince(code) is { } p ? $"{p.CommonZh} {p.NameEn}" : code == ReporterRegistry.NationalCode ? "市场监管总局 SAMR" : code;

    /// <summary>Waits for Ctrl+C; true when it came.</summary>
    private static async Task<bool> KeepRunningAsync(CliContext context, string root, IHost host, CancellationToken cancellationToken)
    {
        var qi = QiCommand.Name(context.WorkingDirectory);
        foreach (var address in host.Addresses())
        {
            context.Console.MarkupLine(Markup.Escape($"Portal and API: {address} (development sign-in: pick National or a reporter's role; the API is under {address}api/)."));
        }

        context.Console.MarkupLine("The local host and Azurite keep running. Try, in another terminal:");
        foreach (var example in (string[])["upload FILE --reporter 110000 --period 2023", "status --period 2023", "receipt --reporter 110000 --period 2023", "report --period 2023 --open"])
        {
            context.Console.MarkupLine(Markup.Escape($"  {qi} {example}"));
        }

        context.Console.MarkupLine("Stop with Ctrl+C.");
        if (qi != "qi")
        {
            context.Console.MarkupLine(Markup.Escape($"(qi is not on the PATH: see \"Getting qi\" in {Path.Combine(root, "README.md")} to install it.)"));
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the normal way to stop.
            return true;
        }
    }

    /// <summary>The host's settings; kept running, it also serves the API and the portal on the loopback, with development sign-in.</summary>
    private static IConfiguration HostSettings(bool keepRunning)
    {
        var settings = new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = AzuriteProcess.ConnectionString,
            [LocalHostSettings.HostStorage] = AzuriteProcess.ConnectionString,
            ["Logging:LogLevel:Default"] = "Error",
            ["Logging:LogLevel:QiIngest"] = keepRunning ? "Information" : "Warning",
            ["Logging:LogLevel:Function"] = keepRunning ? "Information" : "Error",
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        };
        if (keepRunning)
        {
            settings[LocalApi.Urls] = Environment.GetEnvironmentVariable(LocalApi.Urls.Replace(":", "__", StringComparison.Ordinal)) ?? $"http://127.0.0.1:{PortalPort()}";
            settings[DevelopmentSignIn.Setting] = "true";
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>7071 (the Functions host's port, so that the address stays the same from run to run) when it is free, else one the system picks.</summary>
    private static int PortalPort()
    {
        try
        {
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, DefaultPortalPort);
            probe.Start();
            return DefaultPortalPort;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return 0;
        }
    }

    private const int DefaultPortalPort = 7071;

    private static string Count(int value) => DisplayValue.Count(value);
}
