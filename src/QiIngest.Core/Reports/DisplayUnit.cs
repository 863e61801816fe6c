using System.Globalization;
using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Reports;

/// <summary>
/// How the dashboard shows the figures of one indicator to a person: money in 亿元 (or, for amounts under one 亿元,
/// in 万元 so that they do not read 0.00), 2 decimals; counts as whole numbers with thousands separators; rates as
/// percentages with 2 decimals. Rounding is half away from zero, as everywhere.
/// </summary>
internal sealed record DisplayUnit(IndicatorKind Kind, decimal Divisor, string LabelZh, string LabelEn)
{
    private const decimal Yi = 100_000_000m;
    private const decimal Wan = 10_000m;

    public static DisplayUnit For(NationalFigure figure) => figure.Kind switch
    {
        IndicatorKind.Money when figure.Value is decimal v && Math.Abs(v) < Yi => new(IndicatorKind.Money, Wan, "万元", "CNY 10k"),
        IndicatorKind.Money => new(IndicatorKind.Money, Yi, "亿元", "CNY 100 mn"),
        IndicatorKind.Rate => new(IndicatorKind.Rate, 1m, "%", "%"),
        _ => new(IndicatorKind.Count, 1m, figure.Unit, ""),
    };

    /// <summary>The number as shown, without unit (a rate keeps its % sign).</summary>
    public string Format(decimal value) => Kind switch
    {
        IndicatorKind.Count => Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture),
        IndicatorKind.Money => Math.Round(value / Divisor, 2, MidpointRounding.AwayFromZero).ToString("N2", CultureInfo.InvariantCulture),
        _ => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture) + "%",
    };

    /// <summary>A growth rate as published: 1 decimal and a % sign, e.g. 45.3%.</summary>
    public static string Yoy(decimal rounded) => rounded.ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>The number and its unit in one short string, for chart labels.</summary>
    public string WithUnit(decimal value) => Kind == IndicatorKind.Rate ? Format(value) : Format(value) + " " + LabelZh;
}
