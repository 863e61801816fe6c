using System.Globalization;
using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Reports;

/// <summary>
/// How a figure is shown to a person (the dashboard, <c>qi</c>, receipt messages): money in 亿元 (or, for amounts under one
/// 亿元, in 万元 so that they do not read 0.00), 2 decimals; counts as whole numbers with thousands separators; rates as
/// percentages with 2 decimals. Rounding is half away from zero, as everywhere. JSON, CSV and SDMX keep exact values.
/// </summary>
/// <param name="Kind">The kind of indicator.</param>
/// <param name="Divisor">What a canonical value is divided by to be shown (10⁸ for 亿元, 10⁴ for 万元, else 1).</param>
/// <param name="LabelZh">The unit shown in Chinese (亿元, 项, %).</param>
/// <param name="LabelEn">The unit shown in English, empty when the Chinese label is all there is (a count's 项).</param>
public sealed record DisplayUnit(IndicatorKind Kind, decimal Divisor, string LabelZh, string LabelEn)
{
    private const decimal Yi = 100_000_000m;
    private const decimal Wan = 10_000m;

    /// <summary>The unit the dashboard shows <paramref name="figure"/> in, chosen by its own value.</summary>
    /// <param name="figure">A published figure.</param>
    /// <returns>The display unit.</returns>
    public static DisplayUnit For(NationalFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return For(figure.Kind, figure.Unit, figure.Value);
    }

    /// <summary>
    /// One unit for all of <paramref name="values"/>, so that values compared with each other (old → new) read in the same
    /// unit: 万元 only when every one of them is under one 亿元.
    /// </summary>
    /// <param name="kind">The kind of indicator.</param>
    /// <param name="canonicalUnit">The catalog's unit (元, 项, 家, %).</param>
    /// <param name="values">The canonical values to be shown; nulls are ignored.</param>
    /// <returns>The display unit.</returns>
    public static DisplayUnit For(IndicatorKind kind, string canonicalUnit, params ReadOnlySpan<decimal?> values)
    {
        // With no value at all, money reads in 亿元 like the national totals.
        var largest = (decimal?)null;
        foreach (var value in values)
        {
            largest = value is decimal v ? Math.Max(largest ?? 0m, Math.Abs(v)) : largest;
        }

        return kind switch
        {
            IndicatorKind.Money when largest < Yi => new(IndicatorKind.Money, Wan, "万元", "CNY 10k"),
            IndicatorKind.Money => new(IndicatorKind.Money, Yi, "亿元", "CNY 100 mn"),
            IndicatorKind.Rate => new(IndicatorKind.Rate, 1m, "%", "%"),
            _ => new(IndicatorKind.Count, 1m, canonicalUnit, ""),
        };
    }

    /// <summary>
    /// A canonical value with its display unit, such as <c>245.08 亿元</c>, <c>74,240 项</c> or <c>63.47%</c>: for messages that
    /// compare two values, e.g. <c>$"({DisplayUnit.Describe(kind, unit, before, before, now)} → {DisplayUnit.Describe(kind, unit, now, before, now)})"</c>.
    /// </summary>
    /// <param name="kind">The kind of indicator.</param>
    /// <param name="canonicalUnit">The catalog's unit.</param>
    /// <param name="value">The value to show, in the canonical unit.</param>
    /// <param name="scale">The values that must share one unit with it (include <paramref name="value"/>); only <paramref name="value"/> when empty.</param>
    /// <returns>The value as a person reads it.</returns>
    public static string Describe(IndicatorKind kind, string canonicalUnit, decimal value, params ReadOnlySpan<decimal?> scale) =>
        (scale.IsEmpty ? For(kind, canonicalUnit, value) : For(kind, canonicalUnit, scale)).WithUnit(value);

    /// <summary>The number as shown, without unit (a rate keeps its % sign).</summary>
    /// <param name="value">The value in the canonical unit.</param>
    /// <returns>The number as shown.</returns>
    public string Format(decimal value) => Kind switch
    {
        IndicatorKind.Count => Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture),
        IndicatorKind.Money => Math.Round(value / Divisor, 2, MidpointRounding.AwayFromZero).ToString("N2", CultureInfo.InvariantCulture),
        _ => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture) + "%",
    };

    /// <summary>A growth rate as published: 1 decimal and a % sign, e.g. 45.3%.</summary>
    /// <param name="rounded">The growth rate, already rounded to 1 decimal.</param>
    /// <returns>The rate as shown.</returns>
    public static string Yoy(decimal rounded) => rounded.ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>The number and its unit in one short string (<c>245.08 亿元</c>), for chart labels and messages.</summary>
    /// <param name="value">The value in the canonical unit.</param>
    /// <returns>The number and unit.</returns>
    public string WithUnit(decimal value) => Kind == IndicatorKind.Rate || LabelZh.Length == 0 ? Format(value) : Format(value) + " " + LabelZh;
}
