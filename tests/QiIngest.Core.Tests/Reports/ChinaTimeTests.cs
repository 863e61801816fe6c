using QiIngest.Core.Reports;

namespace QiIngest.Core.Tests.Reports;

public sealed class ChinaTimeTests
{
    [Fact]
    public void Format_UtcEvening_IsTheNextMorningInChinaWithTheZone() =>
        Assert.Equal("2024-03-02 02:00:00 UTC+8 北京时间", ChinaTime.Format(new DateTimeOffset(2024, 3, 1, 18, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void ToChina_KeepsTheInstant()
    {
        var utc = new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero);

        var china = ChinaTime.ToChina(utc);

        Assert.Equal(TimeSpan.FromHours(8), china.Offset);
        Assert.Equal(utc, china);
    }
}
