using System.Globalization;
using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;
using static QiIngest.Core.Tests.Rollup.RollupInputs;

namespace QiIngest.Core.Tests.Rollup;

public class NationalRollupCalculatorTests
{
    private static readonly Period P2023 = new(2023);

    [Fact]
    public void Compute_AllExpectedReporters_IsFinalWithNothingMissing()
    {
        var rollup = Compute(P2023, All(10m));

        Assert.Equal(RollupStatus.Final, rollup.Status);
        Assert.True(rollup.IsFinal);
        Assert.Equal(new RollupCoverage(32, 32, []).Reported, rollup.Coverage.Reported);
        Assert.Equal(32, rollup.Coverage.Expected);
        Assert.Empty(rollup.Coverage.Missing);
        Assert.Equal(310m, rollup.Figure("STD_SOCIAL_ORG").Value);
        Assert.Equal(31, rollup.Figure("STD_SOCIAL_ORG").Reporters);
        Assert.Equal(At, rollup.ComputedAt);
        Assert.Equal(P2023, rollup.Period);
    }

    [Fact]
    public void Compute_TwoProvincesAndNationalMissing_IsProvisionalAndListsThemInCodeOrder()
    {
        var current = All(10m).Where(i => i.Reporter is not ("650000" or "540000" or "100000")).ToList();

        var rollup = Compute(P2023, current);

        Assert.Equal(RollupStatus.Provisional, rollup.Status);
        Assert.Equal(29, rollup.Coverage.Reported);
        Assert.Equal(32, rollup.Coverage.Expected);
        Assert.Equal(["100000", "540000", "650000"], rollup.Coverage.Missing);
        Assert.Equal(290m, rollup.Figure("STD_SOCIAL_ORG").Value);
        Assert.Equal(29, rollup.Figure("STD_SOCIAL_ORG").Reporters);
        Assert.Null(rollup.Figure("STD_NATIONAL").Value);
        Assert.Equal(0, rollup.Figure("STD_NATIONAL").Reporters);
    }

    [Fact]
    public void Compute_NobodyReported_EveryCatalogIndicatorThenTheShareWithNullValues()
    {
        var rollup = Compute(P2023, []);

        Assert.Equal([.. IndicatorCatalog.Default.All.Select(i => i.Code), "IT_PRIVATE_SHARE"], rollup.Figures.Select(f => f.Code));
        Assert.All(rollup.Figures, f =>
        {
            Assert.Null(f.Value);
            Assert.Null(f.Rounded);
            Assert.Null(f.YoyPercent);
            Assert.Null(f.YoyRounded);
            Assert.Equal(0, f.Reporters);
        });
        Assert.Equal(RollupStatus.Provisional, rollup.Status);
        Assert.Equal(0, rollup.Coverage.Reported);
        Assert.Equal(ReporterRegistry.Default.Expected.Order(StringComparer.Ordinal), rollup.Coverage.Missing);
        Assert.Empty(rollup.Inputs);
    }

    [Fact]
    public void Compute_Figures_CarryCatalogNamesUnitsKindsAndAggregation()
    {
        var rollup = Compute(P2023, []);

        var revenue = rollup.Figure("IT_REVENUE");
        Assert.Equal(("检验检测营业收入", "Inspection and testing revenue", "元", IndicatorKind.Money, FigureAggregation.Sum), (revenue.NameZh, revenue.NameEn, revenue.Unit, revenue.Kind, revenue.Aggregation));
        var rate = rollup.Figure("STD_INTL_CONVERSION_RATE");
        Assert.Equal(("%", IndicatorKind.Rate, FigureAggregation.National), (rate.Unit, rate.Kind, rate.Aggregation));
        var share = rollup.Figure("IT_PRIVATE_SHARE");
        Assert.Equal(("民营检验检测机构占比", "Share of private inspection and testing institutions", "%", IndicatorKind.Rate, FigureAggregation.Derived), (share.NameZh, share.NameEn, share.Unit, share.Kind, share.Aggregation));
    }

    [Fact]
    public void Compute_NationalReporter_NeverCountsInSumsAndAloneGivesNationalIndicators()
    {
        var current = new[]
        {
            Reporter("110000", ("STD_SOCIAL_ORG", 100m), ("STD_NATIONAL", 999m)),
            Reporter("100000", ("STD_SOCIAL_ORG", 5000m), ("STD_NATIONAL", 45118m), ("STD_INTL_CONVERSION_RATE", 83.35m)),
        };

        var rollup = Compute(P2023, current);

        Assert.Equal(100m, rollup.Figure("STD_SOCIAL_ORG").Value);
        Assert.Equal(1, rollup.Figure("STD_SOCIAL_ORG").Reporters);
        Assert.Equal(45118m, rollup.Figure("STD_NATIONAL").Value);
        Assert.Equal(1, rollup.Figure("STD_NATIONAL").Reporters);
        Assert.Equal(83.35m, rollup.Figure("STD_INTL_CONVERSION_RATE").Rounded);
    }

    [Fact]
    public void Compute_NullTotals_AreLeftOutOfSumsAndReporterCounts()
    {
        var current = new[]
        {
            Reporter("110000", ("IT_REVENUE", 1_000m)),
            Reporter("120000", ("IT_REVENUE", null)),
            Reporter("130000", ("STD_SOCIAL_ORG", 3m)),
        };

        var rollup = Compute(P2023, current);

        Assert.Equal(1_000m, rollup.Figure("IT_REVENUE").Value);
        Assert.Equal(1, rollup.Figure("IT_REVENUE").Reporters);
    }

    [Fact]
    public void Compute_ProvinceMissingInPreviousPeriod_GrowthIsLikeForLike()
    {
        // 130000 is new this year, 140000 reported only last year, 150000 left the cell missing last year.
        var current = new[]
        {
            Reporter("110000", ("STD_SOCIAL_ORG", 150m)),
            Reporter("120000", ("STD_SOCIAL_ORG", 60m)),
            Reporter("130000", ("STD_SOCIAL_ORG", 40m)),
            Reporter("150000", ("STD_SOCIAL_ORG", 7m)),
        };
        var previous = new[]
        {
            Reporter("110000", ("STD_SOCIAL_ORG", 100m)),
            Reporter("120000", ("STD_SOCIAL_ORG", 50m)),
            Reporter("140000", ("STD_SOCIAL_ORG", 30m)),
            Reporter("150000", ("STD_SOCIAL_ORG", null)),
        };

        var figure = Compute(P2023, current, previous).Figure("STD_SOCIAL_ORG");

        // By hand: (150 + 60) / (100 + 50) = 1.4, so +40 %; the value itself sums every province of this year.
        Assert.Equal(257m, figure.Value);
        Assert.Equal(4, figure.Reporters);
        Assert.Equal(40m, figure.YoyPercent);
        Assert.Equal(40.0m, figure.YoyRounded);
    }

    [Fact]
    public void Compute_GrowthWithRepeatingDecimal_KeepsDecimalPrecision()
    {
        var figure = Compute(P2023, [Reporter("110000", ("IT_INSTITUTIONS", 4m))], [Reporter("110000", ("IT_INSTITUTIONS", 3m))]).Figure("IT_INSTITUTIONS");

        Assert.Equal(33.333333333333333333333333333m, figure.YoyPercent);
        Assert.Equal(33.3m, figure.YoyRounded);
    }

    [Fact]
    public void Compute_NoPreviousPeriod_GrowthIsNull()
    {
        var figure = Compute(P2023, [Reporter("110000", ("STD_SOCIAL_ORG", 150m))]).Figure("STD_SOCIAL_ORG");

        Assert.Null(figure.YoyPercent);
        Assert.Null(figure.YoyRounded);
    }

    [Fact]
    public void Compute_NoProvinceInBothPeriods_GrowthIsNull()
    {
        var figure = Compute(P2023, [Reporter("110000", ("STD_SOCIAL_ORG", 150m))], [Reporter("120000", ("STD_SOCIAL_ORG", 100m))]).Figure("STD_SOCIAL_ORG");

        Assert.Equal(150m, figure.Value);
        Assert.Null(figure.YoyPercent);
    }

    [Fact]
    public void Compute_PreviousSumZero_GrowthIsNull()
    {
        var figure = Compute(P2023, [Reporter("110000", ("QI_SERVICE_STATIONS", 5m))], [Reporter("110000", ("QI_SERVICE_STATIONS", 0m))]).Figure("QI_SERVICE_STATIONS");

        Assert.Equal(5m, figure.Value);
        Assert.Null(figure.YoyPercent);
        Assert.Null(figure.YoyRounded);
    }

    [Fact]
    public void Compute_NationalIndicatorsAndShare_HaveNoGrowth()
    {
        var current = new[] { Reporter("100000", ("STD_NATIONAL", 45118m)), Reporter("110000", ("IT_INSTITUTIONS", 10m), ("IT_INSTITUTIONS_PRIVATE", 5m)) };
        var previous = new[] { Reporter("100000", ("STD_NATIONAL", 43027m)), Reporter("110000", ("IT_INSTITUTIONS", 8m), ("IT_INSTITUTIONS_PRIVATE", 4m)) };

        var rollup = Compute(P2023, current, previous);

        Assert.Null(rollup.Figure("STD_NATIONAL").YoyPercent);
        Assert.Null(rollup.Figure("IT_PRIVATE_SHARE").YoyPercent);
        Assert.Equal(25m, rollup.Figure("IT_INSTITUTIONS").YoyPercent);
    }

    [Fact]
    public void Compute_MoneyAtHalfCent_RoundsAwayFromZero()
    {
        var figure = Compute(P2023, [Reporter("110000", ("IT_REVENUE", 12.345m))]).Figure("IT_REVENUE");

        Assert.Equal(12.345m, figure.Value);
        Assert.Equal(12.35m, figure.Rounded);
    }

    [Theory]
    [InlineData(2001, "0.05", "0.1")]
    [InlineData(1999, "-0.05", "-0.1")]
    [InlineData(2003, "0.15", "0.2")]
    [InlineData(2005, "0.25", "0.3")]
    public void Compute_GrowthAtHalfTenth_RoundsAwayFromZero(int thisYear, string percent, string rounded)
    {
        var figure = Compute(P2023, [Reporter("110000", ("STD_SOCIAL_ORG", thisYear))], [Reporter("110000", ("STD_SOCIAL_ORG", 2000m))]).Figure("STD_SOCIAL_ORG");

        Assert.Equal(decimal.Parse(percent, CultureInfo.InvariantCulture), figure.YoyPercent);
        Assert.Equal(decimal.Parse(rounded, CultureInfo.InvariantCulture), figure.YoyRounded);
    }

    [Fact]
    public void Compute_RateAtHalfHundredth_RoundsAwayFromZero()
    {
        var figure = Compute(P2023, [Reporter("100000", ("STD_INTL_CONVERSION_RATE", 82.125m))]).Figure("STD_INTL_CONVERSION_RATE");

        Assert.Equal(82.13m, figure.Rounded);
    }

    [Fact]
    public void Compute_PrivateShare_OnlyOverProvincesThatReportedBoth()
    {
        var current = new[]
        {
            Reporter("110000", ("IT_INSTITUTIONS", 100m), ("IT_INSTITUTIONS_PRIVATE", 60m)),
            Reporter("120000", ("IT_INSTITUTIONS", 50m), ("IT_INSTITUTIONS_PRIVATE", null)),
            Reporter("130000", ("IT_INSTITUTIONS_PRIVATE", 10m)),
            Reporter("140000", ("IT_INSTITUTIONS", 300m), ("IT_INSTITUTIONS_PRIVATE", 200m)),
        };

        var rollup = Compute(P2023, current);

        // By hand: 100 × (60 + 200) / (100 + 300) = 65; 120000 and 130000 reported only one of the two.
        var share = rollup.Figure("IT_PRIVATE_SHARE");
        Assert.Equal(65m, share.Value);
        Assert.Equal(65.00m, share.Rounded);
        Assert.Equal(2, share.Reporters);
        Assert.Equal(450m, rollup.Figure("IT_INSTITUTIONS").Value);
        Assert.Equal(270m, rollup.Figure("IT_INSTITUTIONS_PRIVATE").Value);
    }

    [Fact]
    public void Compute_PrivateShareOfRepeatingDecimal_RoundsToTwoDecimals()
    {
        var share = Compute(P2023, [Reporter("110000", ("IT_INSTITUTIONS", 3m), ("IT_INSTITUTIONS_PRIVATE", 2m))]).Figure("IT_PRIVATE_SHARE");

        Assert.Equal(66.666666666666666666666666667m, share.Value);
        Assert.Equal(66.67m, share.Rounded);
        Assert.Equal("%", share.Unit);
    }

    [Fact]
    public void Compute_PrivateShareWithoutInstitutions_IsNull()
    {
        var share = Compute(P2023, [Reporter("110000", ("IT_INSTITUTIONS", 0m), ("IT_INSTITUTIONS_PRIVATE", 0m))]).Figure("IT_PRIVATE_SHARE");

        Assert.Null(share.Value);
        Assert.Equal(0, share.Reporters);
    }

    [Fact]
    public void Compute_Inputs_InCodeOrderWithVersions()
    {
        var rollup = Compute(P2023, [Reporter("320000", 3, ("IT_REVENUE", 1m)), Reporter("100000", 2), Reporter("110000", 1)]);

        Assert.Equal(["100000", "110000", "320000"], rollup.Inputs.Select(i => i.Reporter));
        Assert.Equal(new Dictionary<string, int> { ["100000"] = 2, ["110000"] = 1, ["320000"] = 3 }, rollup.Versions);
    }

    [Fact]
    public void Compute_Fingerprint_IsTheInputFingerprint()
    {
        var input = new RollupInput(P2023, [Reporter("110000", 2, ("IT_REVENUE", 1m))], [Reporter("110000", 1, ("IT_REVENUE", 1m))]);

        var rollup = NationalRollupCalculator.Compute(input, IndicatorCatalog.Default, ReporterRegistry.Default, At);

        Assert.Equal(input.Fingerprint(), rollup.Fingerprint);
        Assert.Equal(64, rollup.Fingerprint.Length);
    }

    [Fact]
    public void Compute_ReporterTwiceInOnePeriod_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => Compute(P2023, [Reporter("110000", 1), Reporter("110000", 2)]));

        Assert.Equal("The reporter 110000 appears twice in the inputs of 2023 (versions 1 and 2): a rollup reads one current version per reporter. (Parameter 'input')", e.Message);
    }
}
