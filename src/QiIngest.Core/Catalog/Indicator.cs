namespace QiIngest.Core.Catalog;

/// <summary>One row of the indicator catalog (<c>indicators.csv</c>).</summary>
public sealed record Indicator
{
    /// <summary>Canonical code, upper snake case.</summary>
    public required string Code { get; init; }

    /// <summary>Chinese name.</summary>
    public required string NameZh { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }

    /// <summary>Further accepted names.</summary>
    public required IReadOnlyList<string> Aliases { get; init; }

    /// <summary>Count, money or rate.</summary>
    public required IndicatorKind Kind { get; init; }

    /// <summary>The canonical unit label (项, 家, 个, 元, %).</summary>
    public required string Unit { get; init; }

    /// <summary>True when only the national reporter 100000 reports it.</summary>
    public required bool IsNational { get; init; }

    /// <summary>True when the national value is the sum over provinces; false when it is taken from 100000.</summary>
    public required bool IsSum { get; init; }

    /// <summary>True for end-of-year stocks, false for whole-year flows.</summary>
    public required bool IsStock { get; init; }

    /// <summary>The indicator's position in its catalog (<see cref="IndicatorCatalog.All"/>).</summary>
    internal int Index { get; init; }
}
