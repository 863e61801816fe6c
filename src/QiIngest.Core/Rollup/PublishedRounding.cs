using QiIngest.Core.Catalog;

namespace QiIngest.Core.Rollup;

/// <summary>How figures are rounded for publication (section 3): always half away from zero, never banker's rounding.</summary>
public static class PublishedRounding
{
    /// <summary>Decimals a figure of this kind is published with: counts 0, money (元) 2, rates 2.</summary>
    public static int Decimals(IndicatorKind kind) => kind == IndicatorKind.Count ? 0 : 2;

    /// <summary>Decimals growth rates are published with.</summary>
    public const int YoyDecimals = 1;

    /// <summary>Rounds a value of this kind as published.</summary>
    public static decimal Round(decimal value, IndicatorKind kind) => Math.Round(value, Decimals(kind), MidpointRounding.AwayFromZero);

    /// <summary>Rounds a growth rate in percent as published (1 decimal).</summary>
    public static decimal RoundYoy(decimal percent) => Math.Round(percent, YoyDecimals, MidpointRounding.AwayFromZero);
}
