using QiIngest.Core.Catalog;

namespace QiIngest.Core.Rollup;

/// <summary>One national figure of a rollup: a catalog indicator or a derived one such as <c>IT_PRIVATE_SHARE</c>.</summary>
public sealed record NationalFigure
{
    /// <summary>The indicator code.</summary>
    public required string Code { get; init; }

    /// <summary>Chinese name.</summary>
    public required string NameZh { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }

    /// <summary>How the figure is obtained: <see cref="FigureAggregation.Sum"/>, <see cref="FigureAggregation.National"/> or <see cref="FigureAggregation.Derived"/>.</summary>
    public required string Aggregation { get; init; }

    /// <summary>Count, money or rate; says how the figure is rounded and shown.</summary>
    public required IndicatorKind Kind { get; init; }

    /// <summary>The canonical unit label (项, 家, 个, 元, %).</summary>
    public required string Unit { get; init; }

    /// <summary>The unrounded value in the canonical unit; null when nobody reported it.</summary>
    public required decimal? Value { get; init; }

    /// <summary>The value as published: counts to 0 decimals, money (元) and rates to 2, half away from zero.</summary>
    public required decimal? Rounded { get; init; }

    /// <summary>Like-for-like growth on the previous period in percent, unrounded; null for national and derived indicators or when it cannot be computed.</summary>
    public required decimal? YoyPercent { get; init; }

    /// <summary><see cref="YoyPercent"/> as published: 1 decimal, half away from zero.</summary>
    public required decimal? YoyRounded { get; init; }

    /// <summary>How many reporters contributed to <see cref="Value"/>.</summary>
    public required int Reporters { get; init; }
}
