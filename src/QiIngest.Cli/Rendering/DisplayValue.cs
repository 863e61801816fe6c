using System.Globalization;
using QiIngest.Core.Catalog;

namespace QiIngest.Cli.Rendering;

/// <summary>
/// Figures in the units a person expects, as the dashboard shows them: money in 亿元 (under one 亿元, in 万元), 2 decimals;
/// counts with thousands separators; rates and shares as percentages with 2 decimals; growth with 1 decimal and a sign.
/// Rounding is half away from zero, as everywhere in QiIngest.
/// </summary>
internal static class DisplayValue
{
    private const decimal Yi = 100_000_000m;
    private const decimal Wan = 10_000m;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The number and the unit it is shown in.</summary>
    public static (string Number, string Unit) Format(decimal value, IndicatorKind kind, string canonicalUnit) => kind switch
    {
        IndicatorKind.Money when Math.Abs(value) < Yi => (Round(value / Wan, 2).ToString("N2", Inv), "万元"),
        IndicatorKind.Money => (Round(value / Yi, 2).ToString("N2", Inv), "亿元"),
        IndicatorKind.Rate => (Round(value, 2).ToString("F2", Inv) + "%", "%"),
        _ => (Round(value, 0).ToString("N0", Inv), canonicalUnit),
    };

    /// <summary>A growth rate as published (already rounded to 1 decimal): <c>+45.3%</c>; empty when there is none.</summary>
    public static string Growth(decimal? rounded) => rounded switch
    {
        null => "",
        > 0 => "+" + rounded.Value.ToString("F1", Inv) + "%",
        _ => rounded.Value.ToString("F1", Inv) + "%",
    };

    /// <summary>A whole number with separators.</summary>
    public static string Count(long value) => value.ToString("N0", Inv);

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
