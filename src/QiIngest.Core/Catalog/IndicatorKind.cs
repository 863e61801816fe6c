namespace QiIngest.Core.Catalog;

/// <summary>What kind of quantity an indicator is (section 3).</summary>
public enum IndicatorKind
{
    /// <summary>A whole number, at least 0.</summary>
    Count,

    /// <summary>An amount of money, at least 0, canonically in 元.</summary>
    Money,

    /// <summary>A percentage, 0 to 100.</summary>
    Rate,
}
