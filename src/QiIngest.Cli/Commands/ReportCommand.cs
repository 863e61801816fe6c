using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Cli.Rendering;
using QiIngest.Cli.Storage;
using QiIngest.Core.Reports;
using Spectre.Console;

namespace QiIngest.Cli.Commands;

/// <summary><c>qi report --period P [--open]</c>: the published national table of a period and where its dashboard is.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var text = context.Text;
        var period = CommonOptions.Period(text, required: true);
        var json = CommonOptions.Json(text);
        json.Description = text.ReportJson;
        var open = new Option<bool>("--open") { Description = text.ReportOpen };
        var output = new Option<string>("--output", "-o") { Description = text.ReportOutput };
        var target = new StorageTargetOptions(text);
        var command = new Command("report", text.ReportDescription)
        {
            period, json, open, output,
        };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var p = CommonOptions.ParsePeriod(text, parse.GetRequiredValue(period)).ToString();
            var saveTo = context.FullPath(parse.GetValue(output) ?? Path.Combine("out", $"dashboard-{p}.html"));
            await using var storage = target.Connect(parse, context);
            return await storage.GuardAsync(() => RunAsync(context, storage, p, parse.GetValue(json), parse.GetValue(open) ? saveTo : null, cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CliStorage storage, string period, bool json, string? saveTo, CancellationToken cancellationToken)
    {
        var reports = new PublishedReports(storage.Services.GetRequiredService<QiIngest.Storage.Reading.ReadService>());
        var bytes = await reports.ReadNationalJsonAsync(period, cancellationToken) ?? throw new CliException(ExitCodes.Failed, context.Text.NoReport(period));
        if (json)
        {
            await context.Out.WriteLineAsync(Encoding.UTF8.GetString(bytes));
            return ExitCodes.Ok;
        }

        NationalTableView.Render(context.Console, NationalJson.Read(bytes));
        context.Console.MarkupLine(Markup.Escape(context.Text.Dashboard(reports.DashboardUri(period).ToString())));
        if (saveTo is null)
        {
            return ExitCodes.Ok;
        }

        if (!await reports.DownloadDashboardAsync(period, saveTo, cancellationToken))
        {
            throw new CliException(ExitCodes.Failed, context.Text.NoReport(period));
        }

        context.Console.MarkupLine(Markup.Escape(TryOpen(saveTo) ? context.Text.Opened(saveTo) : context.Text.SavedDashboard(saveTo)));
        return ExitCodes.Ok;
    }

    /// <summary>Opens the file with xdg-open when there is one and a display to open it on.</summary>
    private static bool TryOpen(string path)
    {
        if (!OperatingSystem.IsLinux() || (Environment.GetEnvironmentVariable("DISPLAY") is null && Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is null))
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("xdg-open", [path]) { UseShellExecute = false });
            return process is not null;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
