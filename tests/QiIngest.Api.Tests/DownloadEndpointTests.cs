using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using QiIngest.Core;
using QiIngest.Core.Templates;
using QiIngest.Storage;

namespace QiIngest.Api.Tests;

/// <summary>The endpoints the portal adds: templates, the periods, the catalog and the published reports of a period.</summary>
[Collection(ApiCollection.Name)]
public sealed class DownloadEndpointTests(ApiFixture fixture)
{
    [Fact]
    public async Task GetTemplate_Csv_TheSameFileAsQiTemplate()
    {
        using var response = await fixture.Client().GetAsync(new Uri("/api/returns/110000/2023/template?format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("110000-2023-template.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(CsvTemplateWriter.Write(ReturnTemplate.For("110000", new Period(2023))), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetTemplate_NoFormat_Csv()
    {
        using var response = await fixture.Client().GetAsync(new Uri("/api/returns/100000/2023/template", UriKind.Relative));

        Assert.Equal("100000-2023-template.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(CsvTemplateWriter.Write(ReturnTemplate.For("100000", new Period(2023))), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetTemplate_Xlsx_AWorkbookWithTheIndicatorRows()
    {
        using var response = await fixture.Client().GetAsync(new Uri("/api/returns/440000/2022/template?format=xlsx", UriKind.Relative));

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("440000-2022-template.xlsx", response.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open(), Encoding.UTF8);
        var xml = await sheet.ReadToEndAsync();
        Assert.Contains("440000 广东省", xml, StringComparison.Ordinal);
        Assert.Contains("<t>STD_SOCIAL_ORG</t>", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/returns/110000/2023/template?format=pdf", HttpStatusCode.BadRequest, "The format 'pdf' is not one of csv, xlsx: ask for ?format=csv or ?format=xlsx.")]
    [InlineData("/api/returns/990000/2023/template", HttpStatusCode.BadRequest, "The reporter '990000' is not one of the 31 provinces or the national administration 100000: use the six-digit GB/T 2260 code, for example 110000 for Beijing.")]
    [InlineData("/api/national/2023/files/secrets.txt", HttpStatusCode.NotFound, "There is no report 'secrets.txt': a period's reports are national.json, national.csv, national.sdmx.csv, index.html.")]
    [InlineData("/api/national/2024/files", HttpStatusCode.NotFound, "No reports are published for 2024 yet: the rollup publishes them once a return of 2024 is accepted.")]
    [InlineData("/api/national/2024/files/national.csv", HttpStatusCode.NotFound, "national.csv is not published for 2024 yet: the rollup publishes it once a return of 2024 is accepted.")]
    [InlineData("/api/national/24/files", HttpStatusCode.BadRequest, "The period '24' is not a year YYYY from 2000 to 2100.")]
    public async Task Get_Bad_Problem(string path, HttpStatusCode status, string detail)
    {
        using var response = await fixture.Client().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetPeriods_TwoPublished_TheCurrentReportingPeriodIsLastYearInChina()
    {
        var body = await GetJsonAsync("/api/periods");

        var current = new Period(fixture.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year - 1);
        Assert.Equal(current.ToString(), body.GetProperty("current").GetString());
        Assert.Equal(new DateTimeOffset(current.Year + 1, 3, 31, 23, 59, 59, TimeSpan.FromHours(8)), body.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(["2022", "2023"], body.GetProperty("published").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task GetCatalog_EveryIndicatorAndReporterWithNames()
    {
        var body = await GetJsonAsync("/api/catalog");

        var indicators = body.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(Core.Catalog.IndicatorCatalog.Default.All.Count, indicators.Count);
        var groupStandards = indicators.Single(i => i.GetProperty("code").GetString() == "STD_SOCIAL_ORG");
        Assert.False(groupStandards.GetProperty("national").GetBoolean());
        var reporters = body.GetProperty("reporters").EnumerateArray().ToList();
        Assert.Equal(32, reporters.Count);
        Assert.Equal(("110000", "北京市"), (reporters[0].GetProperty("code").GetString(), reporters[0].GetProperty("nameZh").GetString()));
        Assert.Equal("100000", reporters[^1].GetProperty("code").GetString());
    }

    [Fact]
    public async Task ListPublishedFiles_2023_TheFourReportsWithTheirAddressesAndMediaTypes()
    {
        var body = await GetJsonAsync("/api/national/2023/files");

        Assert.Equal(
            [
                ("index.html", "/api/national/2023/files/index.html", "text/html; charset=utf-8"),
                ("national.csv", "/api/national/2023/files/national.csv", "text/csv; charset=utf-8"),
                ("national.json", "/api/national/2023/files/national.json", "application/json; charset=utf-8"),
                ("national.sdmx.csv", "/api/national/2023/files/national.sdmx.csv", "application/vnd.sdmx.data+csv;version=2.0.0; charset=utf-8"),
            ],
            body.GetProperty("files").EnumerateArray().Select(f => (f.GetProperty("name").GetString(), f.GetProperty("url").GetString(), f.GetProperty("mediaType").GetString())));
    }

    [Theory]
    [InlineData(BlobLayout.NationalJsonFile, "application/json; charset=utf-8")]
    [InlineData(BlobLayout.NationalCsvFile, "text/csv; charset=utf-8")]
    [InlineData(BlobLayout.NationalSdmxCsvFile, "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8")]
    [InlineData(BlobLayout.DashboardFile, "text/html; charset=utf-8")]
    public async Task GetPublishedFile_Each_ThePublishedBytesWithTheirMediaType(string file, string mediaType)
    {
        using var response = await fixture.Client().GetAsync(new Uri($"/api/national/2023/files/{file}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var published = await fixture.Storage.Reports.GetBlobClient(BlobLayout.Report("2023", file)).DownloadContentAsync();
        Assert.Equal(published.Value.Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetPublishedFile_Dashboard_FramedByThePortalOnlyAndStillUnderItsOwnHashes()
    {
        using var response = await fixture.Client().GetAsync(new Uri("/api/national/2023/files/index.html", UriKind.Relative));

        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await fixture.Client().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
