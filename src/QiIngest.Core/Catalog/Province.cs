namespace QiIngest.Core.Catalog;

/// <summary>One row of <c>provinces.csv</c>: a provincial-level division by its GB/T 2260 code.</summary>
public sealed record Province
{
    /// <summary>Six-digit GB/T 2260 code.</summary>
    public required string Code { get; init; }

    /// <summary>Full Chinese name (北京市).</summary>
    public required string NameZh { get; init; }

    /// <summary>Common Chinese name without 省/市/自治区 (北京).</summary>
    public required string CommonZh { get; init; }

    /// <summary>One-character short name (京).</summary>
    public required string ShortZh { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }

    /// <summary>Two-letter alpha code.</summary>
    public required string Alpha { get; init; }

    /// <summary>The greater region (华北 …).</summary>
    public required string Region { get; init; }
}
