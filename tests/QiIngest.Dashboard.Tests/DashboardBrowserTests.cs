using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace QiIngest.Dashboard.Tests;

public partial class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task DumpDom_Golden2023_ShowsTheBriefingFigures()
    {
        var dom = await DumpDomAsync(fixture.Url);

        Assert.Equal("45.3%", ElementText(dom, "yoy-STD_SOCIAL_ORG"));
        Assert.Equal("63.47%", ElementText(dom, "share-IT_PRIVATE_SHARE"));
        Assert.Equal("74,240", ElementText(dom, "value-STD_SOCIAL_ORG"));
        Assert.Equal("4,712.36", ElementText(dom, "value-IT_REVENUE"));
        Assert.Equal("final", Regex.Match(dom, "data-status=\"([a-z]+)\"").Groups[1].Value);
    }

    [Fact]
    public async Task DumpDom_Golden2023_HasAProvinceChartPerHeadlineIndicatorAndTimeSeries()
    {
        var dom = await DumpDomAsync(fixture.Url);

        string[] headline = ["STD_SOCIAL_ORG", "IT_INSTITUTIONS", "IT_INSTITUTIONS_PRIVATE", "IT_REVENUE", "CA_ACCREDITED_BODIES", "QI_SERVICE_STATIONS", "CERT_CREDIT_SUPPORT", "CERT_FEE_RELIEF", "IT_PRIVATE_SHARE"];
        Assert.Equal(headline, ProvinceChart().Matches(dom).Select(m => m.Groups[1].Value));
        Assert.Equal(9 * 31, ProvinceRow().Count(dom));
        Assert.Contains("<svg id=\"chart-series-STD_SOCIAL_ORG\"", dom, StringComparison.Ordinal);
        Assert.Contains("<g class=\"point\" data-period=\"2022\">", dom, StringComparison.Ordinal);
        Assert.Equal(32, CoverageRow().Count(dom));
    }

    [Fact]
    public async Task DumpDom_Golden2023_BothLanguagesInTheDom()
    {
        var dom = await DumpDomAsync(fixture.Url);

        Assert.Contains("<html lang=\"zh-CN\" data-lang=\"both\">", dom, StringComparison.Ordinal);
        Assert.Contains("<span class=\"zh\" lang=\"zh-CN\">团体标准</span><span class=\"en\" lang=\"en\">Social organization standards</span>", dom, StringComparison.Ordinal);
        Assert.Contains("广东 <tspan class=\"ple\">Guangdong</tspan>", dom, StringComparison.Ordinal);
        Assert.Contains("黑龙江 <tspan class=\"ple\">Heilongjiang</tspan>", dom, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task DumpDom_LanguageInTheLink_TheInlineScriptRunsUnderTheContentSecurityPolicy(string language)
    {
        var dom = await DumpDomAsync(fixture.Url + "#" + language);

        Assert.Contains($"<html lang=\"zh-CN\" data-lang=\"{language}\">", dom, StringComparison.Ordinal);
        Assert.Contains($"<button type=\"button\" data-set=\"{language}\" aria-pressed=\"true\">", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screenshot_Golden2023_WritesANonTrivialPng()
    {
        var results = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
        var png = Path.Combine(results.FullName, "dashboard-2023.png");
        File.Delete(png);

        var (exitCode, _, stderr) = await Chromium.RunAsync(fixture.Url, null, $"--screenshot={png}", "--window-size=1280,4000");

        Assert.True(exitCode == 0, stderr);
        Assert.True(File.Exists(png), $"No screenshot at {png}: {stderr}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(4000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(bytes.Length > 100_000, $"The screenshot is only {bytes.Length} bytes: the page looks empty.");
    }

    [Fact]
    public void Html_Golden2023_ReferencesNothingOutsideThePage()
    {
        Assert.Empty(ExternalReference().Matches(fixture.Html));
        Assert.DoesNotContain("url(", fixture.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", fixture.Html, StringComparison.Ordinal);
        Assert.Contains("content=\"default-src 'none';", fixture.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_Golden2023_MakesNoNetworkRequest()
    {
        // Every request Chromium makes goes to this proxy; a control page proves that a page's request would be seen.
        await using var proxy = RecordingProxy.Start();
        var control = Path.Combine(fixture.Folder, "control.html");
        await File.WriteAllTextAsync(control, "<!DOCTYPE html><html><body><img src=\"http://qi-canary.invalid/pixel.png\"></body></html>");

        await Chromium.RunAsync(new Uri(control).AbsoluteUri, proxy, "--dump-dom");
        var controlRequests = PageRequests(proxy);
        proxy.Clear();
        var (exitCode, dom, stderr) = await Chromium.RunAsync(fixture.Url, proxy, "--dump-dom");

        Assert.Equal(["GET http://qi-canary.invalid/pixel.png HTTP/1.1"], controlRequests);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("id=\"share-IT_PRIVATE_SHARE\"", dom, StringComparison.Ordinal);
        Assert.True(PageRequests(proxy).Count == 0, "The dashboard made requests: " + string.Join(" | ", PageRequests(proxy)));
    }

    private static List<string> PageRequests(RecordingProxy proxy) =>
        [.. proxy.Requests.Where(r => !Chromium.BrowserServiceHosts.Contains(RecordingProxy.Host(r)))];

    private static async Task<string> DumpDomAsync(string url)
    {
        var (exitCode, dom, stderr) = await Chromium.RunAsync(url, null, "--dump-dom");
        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith("<!DOCTYPE html>\n<html", dom, StringComparison.Ordinal);
        return dom;
    }

    private static string ElementText(string dom, string id)
    {
        var match = Regex.Match(dom, $"<span id=\"{Regex.Escape(id)}\">([^<]*)</span>");
        Assert.True(match.Success, $"No element with id {id} in the rendered page.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("<svg id=\"chart-province-([A-Z_]+)\"")]
    private static partial Regex ProvinceChart();

    [GeneratedRegex("<g class=\"row\" data-province=\"[0-9]{6}\">")]
    private static partial Regex ProvinceRow();

    [GeneratedRegex("<tr (class=\"missing\" )?data-reporter=")]
    private static partial Regex CoverageRow();

    [GeneratedRegex("(src|href|action|data|poster)\\s*=\\s*[\"']?\\s*(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
