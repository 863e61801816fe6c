using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;
using Spectre.Console;

namespace QiIngest.Cli.Rendering;

/// <summary>The national rollup of one period as a terminal table.</summary>
internal static class NationalTableView
{
    public static void Render(IAnsiConsole console, NationalRollup rollup)
    {
        var final = rollup.IsFinal;
        console.MarkupLine($"[bold]全国质量基础设施统计 {rollup.Period} · National quality infrastructure statistics {rollup.Period}[/]");
        console.MarkupLine(
            $"{(final ? "[green]正式数 final[/]" : "[yellow]初步数 provisional[/]")} · "
            + $"{rollup.Coverage.Reported}/{rollup.Coverage.Expected} reporters · computed {Markup.Escape(DisplayValue.Time(rollup.ComputedAt))}");
        if (rollup.Coverage.Missing.Count > 0)
        {
            console.MarkupLine($"[yellow]Missing:[/] {Markup.Escape(string.Join(", ", rollup.Coverage.Missing.Select(Name)))}");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Code")
            .AddColumn("指标 Indicator")
            .AddColumn(new TableColumn("Value").RightAligned())
            .AddColumn("Unit")
            .AddColumn(new TableColumn("YoY").RightAligned())
            .AddColumn(new TableColumn("Reporters").RightAligned());
        foreach (var f in rollup.Figures)
        {
            var (number, unit) = f.Value is decimal v ? DisplayValue.Format(v, f.Kind, f.Unit) : ("—", "");
            table.AddRow(
                Markup.Escape(f.Code),
                Markup.Escape($"{f.NameZh} {f.NameEn}"),
                Markup.Escape(number),
                Markup.Escape(unit),
                Markup.Escape(DisplayValue.Growth(f.YoyRounded)),
                DisplayValue.Count(f.Reporters));
        }

        console.Write(table);
        if (rollup.Find("STD_SOCIAL_ORG")?.YoyRounded is decimal growth && rollup.Find(NationalRollupCalculator.PrivateShareCode)?.Rounded is decimal share)
        {
            console.MarkupLine(Markup.Escape(
                $"Group standards {DisplayValue.Growth(growth)} on {rollup.Period.Previous}; private institutions are {share.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}% of all inspection and testing institutions."));
        }
    }

    private static string Name(string code) =>
        ReporterRegistry.Default.FindProvince(code) is { } p ? $"{code} {p.CommonZh}" : code;
}
