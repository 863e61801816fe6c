using System.Globalization;
using QiIngest.Cli.Texts;
using QiIngest.Core;
using QiIngest.Core.Catalog;
using QiIngest.Core.Receipts;
using QiIngest.Core.Reports;
using QiIngest.Core.Validation;
using Spectre.Console;

namespace QiIngest.Cli.Rendering;

/// <summary>A receipt for a person: the outcome, the totals with their units, and every error and warning with its row and column.</summary>
internal static class ReceiptView
{
    /// <summary>Writes <paramref name="receipt"/> with headings and messages in the language of <paramref name="text"/>.</summary>
    public static void Render(IAnsiConsole console, CliTexts text, Receipt receipt)
    {
        var outcome = receipt.Outcome switch
        {
            Outcome.Accepted => $"[green]{text.OutcomeAccepted}[/]",
            Outcome.AcceptedWithWarnings => $"[yellow]{text.OutcomeWithWarnings}[/]",
            _ => $"[red]{text.OutcomeRejected}[/]",
        };
        var reporter = ReporterRegistry.Default.FindProvince(receipt.Reporter) is { } p ? $"{receipt.Reporter} {p.NameZh} {p.NameEn}" : receipt.Reporter;
        console.MarkupLine($"[bold]{Markup.Escape(receipt.Path ?? receipt.File)}[/]: {outcome}");
        console.MarkupLine(Markup.Escape(text.ReceiptLine(reporter, receipt.Period, receipt.Observations)
            + (receipt.Version is int v ? text.VersionPart(v, receipt.Supersedes) : "")
            + (receipt.ProcessedAt is { } at ? text.ProcessedPart(DisplayValue.Time(at)) : "")));
        if (receipt.Sha256 is not null)
        {
            console.MarkupLine($"[grey]sha256 {receipt.Sha256}[/]");
        }

        if (receipt.Totals.Count > 0)
        {
            var totals = new Table().Border(TableBorder.Rounded).Title(text.Totals)
                .AddColumn(text.ColumnCode)
                .AddColumn("指标 Indicator")
                .AddColumn(new TableColumn(text.ColumnValue).RightAligned())
                .AddColumn(text.ColumnUnit);
            foreach (var (code, value) in receipt.Totals)
            {
                var indicator = IndicatorCatalog.Default.TryResolve(code, out var i) ? i : null;
                (string Number, string Unit) shown = (value, indicator) switch
                {
                    (decimal x, not null) => DisplayValue.Format(x, indicator.Kind, indicator.Unit),
                    (decimal x, null) => (Core.Text.Format(x), ""),
                    _ => (text.MissingValue, indicator?.Unit ?? ""),
                };
                var (number, unit) = shown;
                totals.AddRow(Markup.Escape(code), Markup.Escape(indicator is null ? "" : $"{indicator.NameZh} {indicator.NameEn}"), Markup.Escape(number), Markup.Escape(unit));
            }

            console.Write(totals);
        }

        // A first version replaces nothing: its "changes" would only repeat the totals.
        if (receipt.Changes.Count > 0 && receipt.Supersedes is not null)
        {
            var changes = new Table().Border(TableBorder.Rounded).Title(text.Changes)
                .AddColumn(text.ColumnCode).AddColumn("指标 Indicator").AddColumn(new TableColumn(text.ColumnOld).RightAligned()).AddColumn(new TableColumn(text.ColumnNew).RightAligned()).AddColumn(text.ColumnUnit);
            foreach (var c in receipt.Changes)
            {
                // Old and new in one unit, so that 245.08 → 31.20 亿元 compares at a glance; --json keeps exact values.
                var indicator = IndicatorCatalog.Default.TryResolve(c.Indicator, out var i) ? i : null;
                var unit = indicator is null ? null : DisplayUnit.For(indicator.Kind, indicator.Unit, c.Old, c.New);
                string Show(decimal? value) => value is not decimal x ? "—" : unit is null ? Core.Text.Format(x) : DisplayValue.Format(x, unit).Number;
                changes.AddRow(
                    Markup.Escape(c.Indicator),
                    Markup.Escape(indicator is null ? "" : $"{indicator.NameZh} {indicator.NameEn}"),
                    Markup.Escape(Show(c.Old)),
                    Markup.Escape(Show(c.New)),
                    Markup.Escape(unit is null ? "" : unit.Kind == IndicatorKind.Rate ? "%" : unit.LabelZh));
            }

            console.Write(changes);
        }

        Issues(console, text, errors: true, receipt.Errors, receipt.ErrorCount);
        Issues(console, text, errors: false, receipt.Warnings, receipt.WarningCount);
        console.MarkupLine(Markup.Escape(text.IssueCounts(receipt.ErrorCount, receipt.WarningCount)));
    }

    private static void Issues(IAnsiConsole console, CliTexts text, bool errors, IReadOnlyList<Issue> issues, int count)
    {
        if (issues.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(errors ? $"[red]{text.Errors}[/]" : $"[yellow]{text.Warnings}[/]")
            .AddColumn(text.ColumnType).AddColumn(new TableColumn(text.ColumnRow).RightAligned()).AddColumn(text.ColumnColumn).AddColumn(text.ColumnMessage);
        foreach (var issue in issues)
        {
            table.AddRow(
                Markup.Escape(issue.Type),
                issue.Row?.ToString(CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(issue.Column ?? ""),
                Markup.Escape(text.Message(issue)));
        }

        console.Write(table);
        if (count > issues.Count)
        {
            console.MarkupLine(Markup.Escape(text.NotListed(count - issues.Count, errors)));
        }
    }
}
