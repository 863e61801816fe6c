namespace QiIngest.Core.Rollup;

/// <summary>Which of the expected reporters a rollup covers.</summary>
/// <param name="Reported">How many expected reporters have an accepted version of the period.</param>
/// <param name="Expected">How many reporters are expected (the 31 provinces and 100000: 32).</param>
/// <param name="Missing">The expected reporters without an accepted version, in code order.</param>
public sealed record RollupCoverage(int Reported, int Expected, IReadOnlyList<string> Missing);
