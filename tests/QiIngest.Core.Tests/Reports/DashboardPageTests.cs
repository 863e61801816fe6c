using System.Text.RegularExpressions;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Core.Tests.Rollup;

namespace QiIngest.Core.Tests.Reports;

public partial class DashboardPageTests
{
    [Fact]
    public void Render_HostileFileName_IsHtmlEncoded()
    {
        var html = DashboardPage.Render(SampleRollups.Small(file: "<script>alert(1)</script>.csv"), []);

        Assert.Contains("<td class=\"file\">&lt;script&gt;alert(1)&lt;/script&gt;.csv</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Single(ScriptTag().Matches(html));
    }

    [Fact]
    public void Render_HostileIndicatorNameAndQuotes_AreEncodedInTextAndAttributes()
    {
        var hostile = SampleRollups.Figure("X\"><img src=x>", "<b>名</b>", "\"onmouseover=\"alert(1)", FigureAggregation.Sum, Catalog.IndicatorKind.Count, "项", 1m, 1m, null, null, 1);
        var html = DashboardPage.Render(SampleRollups.Small() with { Figures = [hostile] }, []);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>名", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"onmouseover", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;名&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Golden2023_KeyFiguresAsAPersonReadsThem()
    {
        var html = DashboardPage.Render(await FolderRollupTests.Golden(2023), [await FolderRollupTests.Golden(2022)]);

        Assert.Contains("<span id=\"yoy-STD_SOCIAL_ORG\">45.3%</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"share-IT_PRIVATE_SHARE\">63.47%</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"value-STD_SOCIAL_ORG\">74,240</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"value-IT_REVENUE\">4,712.36</span><span class=\"unit\"><span class=\"zh\" lang=\"zh-CN\">亿元</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"value-CERT_FEE_RELIEF\">3,986.00</span><span class=\"unit\"><span class=\"zh\" lang=\"zh-CN\">万元</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"value-STD_INTL_CONVERSION_RATE\">83.35%</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span id=\"yoy-CA_ACCREDITED_BODIES\">7.9%</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"final\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Golden2023WithHistory_ChartsByProvinceAndOverTime()
    {
        var html = DashboardPage.Render(await FolderRollupTests.Golden(2023), [await FolderRollupTests.Golden(2022)]);

        Assert.Equal(9, ProvinceChart().Count(html));
        Assert.Equal(15, SeriesChart().Count(html));
        Assert.Contains("<text class=\"pl\" x=\"118\" y=\"16\" text-anchor=\"end\">广东 <tspan class=\"ple\">Guangdong</tspan></text>", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"point\" data-period=\"2022\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ProvisionalPeriodInHistory_MarkedWithAsterisk()
    {
        var provisional = await FolderRollupTests.Golden(2022) with { Status = RollupStatus.Provisional };

        var html = DashboardPage.Render(await FolderRollupTests.Golden(2023), [provisional]);

        Assert.Contains("<g class=\"point\" data-period=\"2022*\">", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"point\" data-period=\"2023\">", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"note\">* <span class=\"zh\" lang=\"zh-CN\">初步数：尚未全部报送，柱下注明已报送单位数</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ProvisionalPeriodWithOneReporter_MarksItsCoverageOnTheBar()
    {
        var provisional = SampleRollups.Small(RollupStatus.Provisional) with
        {
            Period = new Period(2024),
            Coverage = new RollupCoverage(1, 32, []),
            Figures = [SampleRollups.Figure("STD_SOCIAL_ORG", "团体标准", "Social organization standards", FigureAggregation.Sum, Catalog.IndicatorKind.Count, "项", 4318m, 4318m, null, null, 1)],
        };

        var html = DashboardPage.Render(await FolderRollupTests.Golden(2023), [provisional]);

        var chart = SeriesOfSocialStandards().Match(html).Value;
        Assert.Contains("<rect class=\"sbar\" x=", chart, StringComparison.Ordinal);
        Assert.Contains("<g class=\"point\" data-period=\"2024*\"><rect class=\"sbar last partial\" x=", chart, StringComparison.Ordinal);
        Assert.Contains("text-anchor=\"middle\">1/31 报送</text>", chart, StringComparison.Ordinal);
        Assert.Single(CoverageLabel().Matches(chart));
        Assert.Contains("provisional: not every reporter has reported yet; under the bar, how many have", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AllFiguresTable_InTheCardsUnits()
    {
        var html = DashboardPage.Render(await FolderRollupTests.Golden(2023), []);

        Assert.Contains(
            "<tr data-code=\"IT_REVENUE\"><td class=\"code\">IT_REVENUE</td><td class=\"name\"><span class=\"zh\" lang=\"zh-CN\">检验检测营业收入</span><span class=\"en\" lang=\"en\">Inspection and testing revenue</span></td>"
            + "<td class=\"num\">4,712.36</td><td><span class=\"zh\" lang=\"zh-CN\">亿元</span><span class=\"en\" lang=\"en\">CNY 100 mn</span></td>",
            html,
            StringComparison.Ordinal);
        Assert.Contains("<tr data-code=\"CERT_FEE_RELIEF\">", html, StringComparison.Ordinal);
        Assert.Matches("<tr data-code=\"CERT_FEE_RELIEF\">.*?<td class=\"num\">3,986.00</td><td><span class=\"zh\" lang=\"zh-CN\">万元</span>", html);
        Assert.Matches("<tr data-code=\"STD_SOCIAL_ORG\">.*?<td class=\"num\">74,240</td><td>项</td><td class=\"num\">45.3</td>", html);
        Assert.DoesNotContain("471,236,", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ComputedAt_InChinaStandardTimeWithTheZone()
    {
        var html = DashboardPage.Render(SampleRollups.Small() with { ComputedAt = new DateTimeOffset(2024, 3, 1, 2, 30, 0, TimeSpan.Zero) }, []);

        Assert.Contains(
            "<time id=\"computed-at\" datetime=\"2024-03-01T10:30:00.0000000+08:00\">2024-03-01 10:30:00 UTC+8</time> <span class=\"zh\" lang=\"zh-CN\">北京时间</span><span class=\"en\" lang=\"en\">China Standard Time</span>",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SumOfOneProvince_IsSingular()
    {
        var html = DashboardPage.Render(SampleRollups.Small(), []);

        Assert.Contains("<span class=\"en\" lang=\"en\">sum of 1 province</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"en\" lang=\"en\">sum of 31 provinces</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1 provinces", html.Replace("31 provinces", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NobodyReportedAFigure_SaysSoInsteadOfANumber()
    {
        var html = DashboardPage.Render(SampleRollups.Small(RollupStatus.Provisional), []);

        Assert.Contains("<p class=\"value missing\"><span id=\"value-STD_NATIONAL\">—</span> <span class=\"zh\" lang=\"zh-CN\">无人报送</span><span class=\"en\" lang=\"en\">not reported</span></p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WithoutHistory_NoTimeSeries()
    {
        var html = DashboardPage.Render(await FolderRollupTests.Golden(2023), []);

        Assert.Empty(SeriesChart().Matches(html));
        Assert.DoesNotContain("id=\"series\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ProvisionalRollup_MarksMissingReporters()
    {
        var html = DashboardPage.Render(SampleRollups.Small(RollupStatus.Provisional), []);

        Assert.Contains("data-status=\"provisional\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"missing\" data-reporter=\"650000\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-reporter=\"110000\"><td class=\"code\">110000</td>", html, StringComparison.Ordinal);
        Assert.Equal(32, CoverageRow().Count(html));
    }

    [Fact]
    public async Task Render_Golden2023_LoadsNothingFromOutside()
    {
        var html = DashboardPage.Render(await FolderRollupTests.Golden(2023), [await FolderRollupTests.Golden(2022)]);

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-", html, StringComparison.Ordinal);
        Assert.Empty(ExternalReference().Matches(html));
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<script[ >]")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<svg id=\"chart-province-[A-Z_]+\"")]
    private static partial Regex ProvinceChart();

    [GeneratedRegex("<svg id=\"chart-series-[A-Z_]+\"")]
    private static partial Regex SeriesChart();

    [GeneratedRegex("<svg id=\"chart-series-STD_SOCIAL_ORG\".*?</svg>")]
    private static partial Regex SeriesOfSocialStandards();

    [GeneratedRegex("<text class=\"sc\"")]
    private static partial Regex CoverageLabel();

    [GeneratedRegex("<tr (class=\"missing\" )?data-reporter=")]
    private static partial Regex CoverageRow();

    [GeneratedRegex("(src|href|action|data|poster)\\s*=\\s*[\"']?\\s*(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
