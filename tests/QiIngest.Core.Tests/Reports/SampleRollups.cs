using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Tests.Reports;

/// <summary>Small rollups written out by hand, so that report tests can assert whole lines.</summary>
internal static class SampleRollups
{
    public static readonly DateTimeOffset At = new(2024, 3, 1, 10, 30, 0, TimeSpan.FromHours(8));

    public static NationalRollup Small(string status = RollupStatus.Final, string file = "qi-beijing.csv") => new()
    {
        Period = new Period(2023),
        Status = status,
        Coverage = status == RollupStatus.Final ? new RollupCoverage(32, 32, []) : new RollupCoverage(30, 32, ["100000", "650000"]),
        Inputs =
        [
            new ReporterInput("110000", 2, file, "ab12", new Dictionary<string, decimal?> { ["STD_SOCIAL_ORG"] = 4318m, ["IT_REVENUE"] = null }),
            new ReporterInput("320000", 1, "江苏.xlsx", null, new Dictionary<string, decimal?> { ["STD_SOCIAL_ORG"] = 2488m }),
        ],
        Figures =
        [
            Figure("STD_SOCIAL_ORG", "团体标准", "Social organization standards", FigureAggregation.Sum, IndicatorKind.Count, "项", 74240m, 74240m, 45.34633305924272m, 45.3m, 31),
            Figure("IT_REVENUE", "检验检测营业收入", "Inspection and testing revenue", FigureAggregation.Sum, IndicatorKind.Money, "元", 12.345m, 12.35m, null, null, 1),
            Figure("CA_ACCREDITED_BODIES", "获认可合格评定机构", "Accredited conformity assessment bodies", FigureAggregation.Sum, IndicatorKind.Count, "家", 90m, 90m, -10m, -10.0m, 2),
            Figure("STD_NATIONAL", "国家标准", "National standards", FigureAggregation.National, IndicatorKind.Count, "项", null, null, null, null, 0),
            Figure("IT_PRIVATE_SHARE", "民营检验检测机构占比", "Share of private inspection and testing institutions", FigureAggregation.Derived, IndicatorKind.Rate, "%", 63.46922906020884m, 63.47m, null, null, 31),
        ],
        ComputedAt = At,
        Fingerprint = "f00d",
    };

    public static NationalFigure Figure(string code, string nameZh, string nameEn, string aggregation, IndicatorKind kind, string unit, decimal? value, decimal? rounded, decimal? yoy, decimal? yoyRounded, int reporters) => new()
    {
        Code = code,
        NameZh = nameZh,
        NameEn = nameEn,
        Aggregation = aggregation,
        Kind = kind,
        Unit = unit,
        Value = value,
        Rounded = rounded,
        YoyPercent = yoy,
        YoyRounded = yoyRounded,
        Reporters = reporters,
    };
}
