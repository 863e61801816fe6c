namespace QiIngest.Core.Rollup;

/// <summary>How a national figure is obtained, with its wire names.</summary>
public static class FigureAggregation
{
    /// <summary>The sum over the provinces (catalog aggregation <c>sum</c>).</summary>
    public const string Sum = "sum";

    /// <summary>Taken from the national reporter 100000 (catalog aggregation <c>national</c>).</summary>
    public const string National = "national";

    /// <summary>Computed by the rollup from other figures, such as <c>IT_PRIVATE_SHARE</c>.</summary>
    public const string Derived = "derived";
}
