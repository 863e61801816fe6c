using QiIngest.Core.Rollup;

namespace QiIngest.Core.Tests.Rollup;

/// <summary>Builds rollup inputs by hand for the math tests.</summary>
internal static class RollupInputs
{
    public static readonly DateTimeOffset At = new(2024, 3, 1, 2, 0, 0, TimeSpan.Zero);

    public static ReporterInput Reporter(string code, params (string Code, decimal? Value)[] totals) => Reporter(code, 1, totals);

    public static ReporterInput Reporter(string code, int version, params (string Code, decimal? Value)[] totals) =>
        new(code, version, $"{code}.csv", new string('a', 64), totals.ToDictionary(t => t.Code, t => t.Value, StringComparer.Ordinal));

    /// <summary>Every one of the 32 expected reporters with the same totals (provinces) or national totals (100000).</summary>
    public static List<ReporterInput> All(decimal provinceValue)
    {
        var inputs = Catalog.ReporterRegistry.Default.Provinces.Select(p => Reporter(p.Code, ("STD_SOCIAL_ORG", provinceValue))).ToList();
        inputs.Add(Reporter("100000", ("STD_NATIONAL", 45118m)));
        return inputs;
    }

    public static NationalRollup Compute(Period period, IReadOnlyList<ReporterInput> current, IReadOnlyList<ReporterInput>? previous = null) =>
        NationalRollupCalculator.Compute(new RollupInput(period, current, previous ?? []), Catalog.IndicatorCatalog.Default, Catalog.ReporterRegistry.Default, At);

    public static NationalFigure Figure(this NationalRollup rollup, string code) => rollup.Find(code) ?? throw new InvalidOperationException($"No figure {code}.");
}
