using System.Globalization;
using QiIngest.Core.Catalog;
using QiIngest.Core.Reports;

namespace QiIngest.Cli.Rendering;

/// <summary>
/// Figures in the units a person expects, as the dashboard shows them (<see cref="DisplayUnit"/>): money in 亿元 (under
/// one 亿元, in 万元) with 2 decimals; counts with thousands separators; rates and shares as percentages with 2 decimals;
/// growth with 1 decimal and a sign. Rounding is half away from zero, as everywhere in QiIngest.
/// </summary>
internal static class DisplayValue
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The number and the unit it is shown in.</summary>
    public static (string Number, string Unit) Format(decimal value, IndicatorKind kind, string canonicalUnit) =>
        Format(value, DisplayUnit.For(kind, canonicalUnit, value));

    /// <summary>The number in a unit chosen for several values (old and new), and that unit.</summary>
    public static (string Number, string Unit) Format(decimal value, DisplayUnit unit) =>
        (unit.Format(value), unit.Kind == IndicatorKind.Rate ? "%" : unit.LabelZh);

    /// <summary>A growth rate as published (already rounded to 1 decimal): <c>+45.3%</c>; empty when there is none.</summary>
    public static string Growth(decimal? rounded) => rounded switch
    {
        null => "",
        > 0 => "+" + rounded.Value.ToString("F1", Inv) + "%",
        _ => rounded.Value.ToString("F1", Inv) + "%",
    };

    /// <summary>A whole number with separators.</summary>
    public static string Count(long value) => value.ToString("N0", Inv);

    /// <summary>A time in China Standard Time with its zone (<c>2024-03-01 10:30:00 UTC+8 北京时间</c>).</summary>
    public static string Time(DateTimeOffset instant) => ChinaTime.Format(instant);

    /// <summary>A time in China Standard Time without the zone, for a table column whose header names it.</summary>
    public static string TimeInColumn(DateTimeOffset instant) => ChinaTime.ToChina(instant).ToString("yyyy-MM-dd HH:mm:ss", Inv);

    /// <summary>The header of a time column.</summary>
    public static string TimeColumn(string what) => $"{what} ({ChinaTime.Zone})";
}
