using QiIngest.Core.Catalog;

namespace QiIngest.Core.Rollup;

/// <summary>The rollup math of section 10: pure, decimal arithmetic, no storage.</summary>
public static class NationalRollupCalculator
{
    /// <summary>The code of the derived share of private inspection and testing institutions.</summary>
    public const string PrivateShareCode = "IT_PRIVATE_SHARE";

    private const string InstitutionsCode = "IT_INSTITUTIONS";
    private const string PrivateInstitutionsCode = "IT_INSTITUTIONS_PRIVATE";

    /// <summary>Computes the national figures of <paramref name="input"/>'s period.</summary>
    /// <remarks>
    /// <para>A <c>sum</c> indicator is the sum of the provinces' non-null totals of their current version; the national
    /// reporter 100000 never counts in a sum, and a <c>national</c> indicator is taken from 100000 alone.</para>
    /// <para>Growth (<c>yoyPercent</c>) is like for like: 100 × (Σ this / Σ previous − 1) over the provinces that have an
    /// accepted version in both periods <em>and</em> a non-null value of the indicator in both. A province that reported
    /// only this year, or left the cell missing in either year, would otherwise show up as growth (or decline) that is
    /// nothing but a change in coverage. Growth is null when no province qualifies or the previous sum is 0, and always
    /// null for national indicators and for <c>IT_PRIVATE_SHARE</c>.</para>
    /// <para><c>IT_PRIVATE_SHARE</c> = 100 × Σ IT_INSTITUTIONS_PRIVATE / Σ IT_INSTITUTIONS over the provinces that
    /// reported both (non-null).</para>
    /// </remarks>
    /// <param name="input">The current versions of this period and the previous one.</param>
    /// <param name="catalog">The indicators; every one of them appears in the result, in catalog order.</param>
    /// <param name="reporters">The expected reporters (coverage and which codes are provinces).</param>
    /// <param name="computedAt">When the rollup is computed (from the injected clock).</param>
    /// <exception cref="ArgumentException">A reporter appears twice in one period.</exception>
    public static NationalRollup Compute(RollupInput input, IndicatorCatalog catalog, ReporterRegistry reporters, DateTimeOffset computedAt)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(reporters);
        var current = ByReporter(input.Current, input.Period, nameof(input));
        var previous = ByReporter(input.Previous, input.Period.Previous, nameof(input));
        var provincesNow = Provinces(current, reporters);
        var provincesBefore = Provinces(previous, reporters);
        current.TryGetValue(ReporterRegistry.NationalCode, out var national);

        var figures = new List<NationalFigure>(catalog.All.Count + 1);
        foreach (var indicator in catalog.All)
        {
            figures.Add(indicator.IsSum
                ? SumFigure(indicator, provincesNow, provincesBefore)
                : NationalFigure(indicator, national));
        }

        figures.Add(PrivateShare(provincesNow));

        var missing = reporters.Expected.Where(code => !current.ContainsKey(code)).Order(StringComparer.Ordinal).ToList();
        var expected = reporters.Expected.Count;
        return new NationalRollup
        {
            Period = input.Period,
            Status = missing.Count == 0 ? RollupStatus.Final : RollupStatus.Provisional,
            Coverage = new RollupCoverage(expected - missing.Count, expected, missing),
            Inputs = [.. current.Values.OrderBy(i => i.Reporter, StringComparer.Ordinal)],
            Figures = figures,
            ComputedAt = computedAt,
            Fingerprint = input.Fingerprint(),
        };
    }

    private static Dictionary<string, ReporterInput> ByReporter(IReadOnlyList<ReporterInput> inputs, Period period, string parameter)
    {
        var byReporter = new Dictionary<string, ReporterInput>(StringComparer.Ordinal);
        foreach (var reporterInput in inputs)
        {
            if (!byReporter.TryAdd(reporterInput.Reporter, reporterInput))
            {
                throw new ArgumentException($"The reporter {reporterInput.Reporter} appears twice in the inputs of {period} (versions {byReporter[reporterInput.Reporter].Version} and {reporterInput.Version}): a rollup reads one current version per reporter.", parameter);
            }
        }

        return byReporter;
    }

    private static Dictionary<string, ReporterInput> Provinces(Dictionary<string, ReporterInput> inputs, ReporterRegistry reporters) =>
        inputs.Where(p => reporters.FindProvince(p.Key) is not null).ToDictionary(StringComparer.Ordinal);

    private static NationalFigure SumFigure(Indicator indicator, Dictionary<string, ReporterInput> now, Dictionary<string, ReporterInput> before)
    {
        var values = now.Values.Select(i => i.Totals.GetValueOrDefault(indicator.Code)).OfType<decimal>().ToList();
        decimal? value = values.Count == 0 ? null : values.Sum();

        decimal thisYear = 0, lastYear = 0;
        var alike = 0;
        foreach (var (reporter, reporterInput) in now)
        {
            if (reporterInput.Totals.GetValueOrDefault(indicator.Code) is decimal a
                && before.TryGetValue(reporter, out var earlier)
                && earlier.Totals.GetValueOrDefault(indicator.Code) is decimal b)
            {
                thisYear += a;
                lastYear += b;
                alike++;
            }
        }

        // Multiply before dividing so that growth such as 27.552 % stays exact in decimal.
        decimal? yoy = alike == 0 || lastYear == 0 ? null : 100m * (thisYear - lastYear) / lastYear;
        return Figure(indicator.Code, indicator.NameZh, indicator.NameEn, FigureAggregation.Sum, indicator.Kind, indicator.Unit, value, yoy, values.Count);
    }

    private static NationalFigure NationalFigure(Indicator indicator, ReporterInput? national)
    {
        var value = national?.Totals.GetValueOrDefault(indicator.Code);
        return Figure(indicator.Code, indicator.NameZh, indicator.NameEn, FigureAggregation.National, indicator.Kind, indicator.Unit, value, null, value is null ? 0 : 1);
    }

    private static NationalFigure PrivateShare(Dictionary<string, ReporterInput> provinces)
    {
        decimal institutions = 0, privateInstitutions = 0;
        var both = 0;
        foreach (var reporterInput in provinces.Values)
        {
            if (reporterInput.Totals.GetValueOrDefault(InstitutionsCode) is decimal all
                && reporterInput.Totals.GetValueOrDefault(PrivateInstitutionsCode) is decimal privately)
            {
                institutions += all;
                privateInstitutions += privately;
                both++;
            }
        }

        decimal? share = both == 0 || institutions == 0 ? null : 100m * privateInstitutions / institutions;
        return Figure(PrivateShareCode, "民营检验检测机构占比", "Share of private inspection and testing institutions", FigureAggregation.Derived, IndicatorKind.Rate, "%", share, null, share is null ? 0 : both);
    }

    private static NationalFigure Figure(string code, string nameZh, string nameEn, string aggregation, IndicatorKind kind, string unit, decimal? value, decimal? yoy, int contributors) => new()
    {
        Code = code,
        NameZh = nameZh,
        NameEn = nameEn,
        Aggregation = aggregation,
        Kind = kind,
        Unit = unit,
        Value = value,
        Rounded = value is decimal v ? PublishedRounding.Round(v, kind) : null,
        YoyPercent = yoy,
        YoyRounded = yoy is decimal y ? PublishedRounding.RoundYoy(y) : null,
        Reporters = contributors,
    };
}
