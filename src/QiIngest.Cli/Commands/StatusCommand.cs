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
        var text = context.Text;
        var reporter = CommonOptions.Reporter(text, required: false);
        reporter.Description = text.StatusReporter;
        var period = CommonOptions.Period(text, required: false);
        period.Description = text.StatusPeriod;
        var target = new StorageTargetOptions(text);
        var command = new Command("status", text.StatusDescription)
        {
            reporter, period,
        };
        target.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = parse.GetValue(reporter) is { } r ? CommonOptions.ResolveReporter(text, r) : null;
            var p = parse.GetValue(period) is { } given ? CommonOptions.ParsePeriod(text, given).ToString() : null;
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
        var text = context.Text;
        var scope = text.StatusScope(reporter, period);
        if (rows.Count == 0)
        {
            context.Console.MarkupLine(Markup.Escape(text.NoAcceptedReturns(scope, storage.Endpoint)));
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(text.CurrentVersions(scope)))
                .AddColumn(text.ColumnPeriod).AddColumn(text.ColumnReporter).AddColumn(new TableColumn(text.ColumnVersion).RightAligned()).AddColumn(text.ColumnFile)
                .AddColumn(text.ColumnOutcome).AddColumn(Markup.Escape(DisplayValue.TimeColumn(text.ColumnProcessed))).AddColumn(new TableColumn(text.ColumnWarnings).RightAligned());
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
                context.Console.MarkupLine(Markup.Escape(text.StatusReceiptHint(QiCommand.Name(context.WorkingDirectory))));
            }
        }

        var periods = period is not null ? [period] : rows.Select(r => r.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var expected = reporter is not null ? [reporter] : ReporterRegistry.Default.Expected;
        foreach (var p in periods)
        {
            var present = rows.Where(r => r.Period == p).Select(r => r.Reporter).ToHashSet(StringComparer.Ordinal);
            var missing = expected.Where(code => !present.Contains(code)).ToList();
            context.Console.MarkupLine(Markup.Escape(missing.Count == 0
                ? text.EveryoneReported(p, expected.Count)
                : text.MissingReporters(p, missing.Count, expected.Count, string.Join(", ", missing.Select(Name)))));
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
