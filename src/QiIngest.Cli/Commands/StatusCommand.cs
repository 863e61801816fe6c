using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Cli.Rendering;
using QiIngest.Cli.Storage;
using QiIngest.Core.Catalog;
using QiIngest.Storage.Reading;
using Spectre.Console;

namespace QiIngest.Cli.Commands;

/// <summary><c>qi status [--reporter CODE] [--period P]</c>: which reporters have a current version, and who is missing.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var reporter = CommonOptions.Reporter(required: false);
        reporter.Description = "Only this reporter (code or name).";
        var period = CommonOptions.Period(required: false);
        period.Description = "Only this period (YYYY); the missing reporters are listed for it.";
        var target = new StorageTargetOptions();
        var command = new Command("status", "Show the current accepted version of each reporter (version, file, outcome, when, warnings) and the reporters still missing.")
        {
            reporter, period,
        };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = parse.GetValue(reporter) is { } r ? CommonOptions.ResolveReporter(r) : null;
            var p = parse.GetValue(period) is { } text ? CommonOptions.ParsePeriod(text).ToString() : null;
            await using var storage = target.Connect(parse, context);
            return await storage.GuardAsync(() => RunAsync(context, storage, code, p, cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CliStorage storage, string? reporter, string? period, CancellationToken cancellationToken)
    {
        // In period then reporter order; no ledger table yet reads as nothing ingested.
        var reader = storage.Services.GetRequiredService<ReadService>();
        var rows = (await reader.ListCurrentAsync(period, cancellationToken)).Where(row => reporter is null || row.Reporter == reporter).ToList();
        var warnings = await ReadWarningCountsAsync(reader, rows, cancellationToken);
        var scope = (reporter, period) switch
        {
            (null, null) => "",
            (null, _) => $" for {period}",
            (_, null) => $" for {reporter}",
            _ => $" for {reporter} in {period}",
        };
        if (rows.Count == 0)
        {
            context.Console.MarkupLine(Markup.Escape($"No accepted returns{scope} in {storage.Endpoint}."));
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Current versions{scope}"))
                .AddColumn("Period").AddColumn("Reporter").AddColumn(new TableColumn("Version").RightAligned()).AddColumn("File")
                .AddColumn("Outcome").AddColumn(Markup.Escape(DisplayValue.TimeColumn("Processed"))).AddColumn(new TableColumn("Warnings").RightAligned());
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                table.AddRow(
                    Markup.Escape(row.Period),
                    Markup.Escape(Name(row.Reporter)),
                    row.Version.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(row.File),
                    Markup.Escape(row.Outcome),
                    row.ProcessedAt is { } at ? DisplayValue.TimeInColumn(at) : "",
                    warnings[i]?.ToString(CultureInfo.InvariantCulture) ?? "?");
            }

            context.Console.Write(table);
            if (warnings.Any(w => w > 0))
            {
                context.Console.MarkupLine(Markup.Escape($"{QiCommand.Name(context.WorkingDirectory)} receipt --reporter CODE --period P shows a receipt's warnings and errors."));
            }
        }

        var periods = period is not null ? [period] : rows.Select(r => r.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var expected = reporter is not null ? [reporter] : ReporterRegistry.Default.Expected;
        foreach (var p in periods)
        {
            var present = rows.Where(r => r.Period == p).Select(r => r.Reporter).ToHashSet(StringComparer.Ordinal);
            var missing = expected.Where(code => !present.Contains(code)).ToList();
            context.Console.MarkupLine(missing.Count == 0
                ? Markup.Escape($"{p}: every expected reporter ({expected.Count}) has an accepted version.")
                : Markup.Escape($"{p}: missing {missing.Count} of {expected.Count}: {string.Join(", ", missing.Select(Name))}"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The warning count of each row's receipt (null when the receipt cannot be read).</summary>
    private static async Task<int?[]> ReadWarningCountsAsync(ReadService reader, List<VersionRecord> rows, CancellationToken cancellationToken)
    {
        var counts = new int?[rows.Count];
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            if (rows[i].ReceiptName is not { } name)
            {
                return;
            }

            counts[i] = (await reader.ReadReceiptAsync(name, ct))?.WarningCount;
        });
        return counts;
    }

    private static string Name(string code) =>
        ReporterRegistry.Default.FindProvince(code) is { } p ? $"{code} {p.CommonZh} {p.NameEn}" : code == ReporterRegistry.NationalCode ? $"{code} 市场监管总局 SAMR" : code;
}
