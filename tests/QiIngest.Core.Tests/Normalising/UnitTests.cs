using QiIngest.Core.Catalog;
using QiIngest.Core.Normalising;

namespace QiIngest.Core.Tests.Normalising;

public class UnitTests
{
    [Theory]
    [InlineData("元", IndicatorKind.Money, 1)]
    [InlineData("万元", IndicatorKind.Money, 10_000)]
    [InlineData("亿元", IndicatorKind.Money, 100_000_000)]
    [InlineData(" 万元 ", IndicatorKind.Money, 10_000)]
    [InlineData("家", IndicatorKind.Count, 1)]
    [InlineData("个", IndicatorKind.Count, 1)]
    [InlineData("项", IndicatorKind.Count, 1)]
    [InlineData("件", IndicatorKind.Count, 1)]
    [InlineData("万家", IndicatorKind.Count, 10_000)]
    [InlineData("%", IndicatorKind.Rate, 1)]
    [InlineData("％", IndicatorKind.Rate, 1)]
    public void TryParse_KnownUnit_GivesKindAndFactor(string text, IndicatorKind kind, long factor)
    {
        Assert.True(Unit.TryParse(text, out var unit));
        Assert.Equal(kind, unit.Kind);
        Assert.Equal((decimal)factor, unit.Factor);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("万")]
    [InlineData("美元")]
    [InlineData("千元")]
    [InlineData("万%")]
    public void TryParse_UnknownUnit_IsFalse(string? text)
    {
        Assert.False(Unit.TryParse(text, out _));
    }
}
