using QiIngest.Core.Catalog;
using QiIngest.Core.Reports;

namespace QiIngest.Core.Tests.Reports;

public sealed class DisplayUnitTests
{
    [Theory]
    [InlineData(24508000000, "245.08 亿元")]
    [InlineData(3120000000, "31.20 亿元")]
    [InlineData(840000, "84.00 万元")]
    [InlineData(-150000000, "-1.50 亿元")]
    public void Describe_Money_InYiOrWanByItsOwnSize(decimal value, string expected) =>
        Assert.Equal(expected, DisplayUnit.Describe(IndicatorKind.Money, "元", value));

    [Fact]
    public void Describe_MoneyComparedWithALargerValue_SharesItsUnit()
    {
        decimal before = 24508000000m, after = 31200000m;

        Assert.Equal("245.08 亿元 → 0.31 亿元", $"{DisplayUnit.Describe(IndicatorKind.Money, "元", before, before, after)} → {DisplayUnit.Describe(IndicatorKind.Money, "元", after, before, after)}");
        Assert.Equal("3,120.00 万元", DisplayUnit.Describe(IndicatorKind.Money, "元", after, after, null));
    }

    [Fact]
    public void Describe_CountsAndRates_WithTheirUnit()
    {
        Assert.Equal("74,240 项", DisplayUnit.Describe(IndicatorKind.Count, "项", 74240m));
        Assert.Equal("63.47%", DisplayUnit.Describe(IndicatorKind.Rate, "%", 63.46922906020884m));
    }

    [Fact]
    public void For_NoValueAtAll_MoneyReadsInYi() =>
        Assert.Equal("亿元", DisplayUnit.For(IndicatorKind.Money, "元", null, null).LabelZh);
}
