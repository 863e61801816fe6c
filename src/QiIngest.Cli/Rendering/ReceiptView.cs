using System.Globalization;
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
    public static void Render(IAnsiConsole console, Receipt receipt)
    {
        var outcome = receipt.Outcome switch
        {
            Outcome.Accepted => "[green]accepted[/]",
            Outcome.AcceptedWithWarnings => "[yellow]accepted with warnings[/]",
            _ => "[red]rejected[/]",
        };
        var reporter = ReporterRegistry.Default.FindProvince(receipt.Reporter) is { } p ? $"{receipt.Reporter} {p.NameZh} {p.NameEn}" : receipt.Reporter;
        console.MarkupLine($"[bold]{Markup.Escape(receipt.Path ?? receipt.File)}[/]: {outcome}");
        console.MarkupLine(Markup.Escape($"reporter {reporter} · period {receipt.Period} · {receipt.Observations} observations"
            + (receipt.Version is int v ? $" · version {v}" + (receipt.Supersedes is int s ? $" (replaces {s})" : "") : "")
            + (receipt.ProcessedAt is { } at ? $" · processed {DisplayValue.Time(at)}" : "")));
        if (receipt.Sha256 is not null)
        {
            console.MarkupLine($"[grey]sha256 {receipt.Sha256}[/]");
        }

        if (receipt.Totals.Count > 0)
        {
            var totals = new Table().Border(TableBorder.Rounded).Title("Totals")
                .AddColumn("Code")
                .AddColumn("指标 Indicator")
                .AddColumn(new TableColumn("Value").RightAligned())
                .AddColumn("Unit");
            foreach (var (code, value) in receipt.Totals)
            {
                var indicator = IndicatorCatalog.Default.TryResolve(code, out var i) ? i : null;
                (string Number, string Unit) shown = (value, indicator) switch
                {
                    (decimal x, not null) => DisplayValue.Format(x, indicator.Kind, indicator.Unit),
                    (decimal x, null) => (Core.Text.Format(x), ""),
                    _ => ("— missing", indicator?.Unit ?? ""),
                };
                var (number, unit) = shown;
                totals.AddRow(Markup.Escape(code), Markup.Escape(indicator is null ? "" : $"{indicator.NameZh} {indicator.NameEn}"), Markup.Escape(number), Markup.Escape(unit));
            }

            console.Write(totals);
        }

        // A first version replaces nothing: its "changes" would only repeat the totals.
        if (receipt.Changes.Count > 0 && receipt.Supersedes is not null)
        {
            var changes = new Table().Border(TableBorder.Rounded).Title("Changes from the replaced version")
                .AddColumn("Code").AddColumn("指标 Indicator").AddColumn(new TableColumn("Old").RightAligned()).AddColumn(new TableColumn("New").RightAligned()).AddColumn("Unit");
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

        Issues(console, "Errors", "red", receipt.Errors, receipt.ErrorCount);
        Issues(console, "Warnings", "yellow", receipt.Warnings, receipt.WarningCount);
        console.MarkupLine($"{receipt.ErrorCount} error(s), {receipt.WarningCount} warning(s).");
    }

    private static void Issues(IAnsiConsole console, string title, string colour, IReadOnlyList<Issue> issues, int count)
    {
        if (issues.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"[{colour}]{title}[/]")
            .AddColumn("Type").AddColumn(new TableColumn("Row").RightAligned()).AddColumn("Column").AddColumn("Message");
        foreach (var issue in issues)
        {
            table.AddRow(
                Markup.Escape(issue.Type),
                issue.Row?.ToString(CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(issue.Column ?? ""),
                Markup.Escape(issue.Message));
        }

        console.Write(table);
        if (count > issues.Count)
        {
            console.MarkupLine($"… and {count - issues.Count} more {title.ToLowerInvariant()} not listed.");
        }
    }
}
