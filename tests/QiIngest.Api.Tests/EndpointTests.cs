using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace QiIngest.Api.Tests;

/// <summary>What each endpoint answers, on the golden returns.</summary>
[Collection(ApiCollection.Name)]
public sealed class EndpointTests(ApiFixture fixture)
{
    [Fact]
    public async Task GetReturn_Beijing2023_CurrentVersionsRejectedAndProcessing()
    {
        var body = await GetJsonAsync("/api/returns/110000/2023", fixture.Tokens.Reporter("110000"));

        var current = body.GetProperty("current");
        Assert.Equal((1, "qi-beijing.csv", "accepted-with-warnings"), (current.GetProperty("version").GetInt32(), current.GetProperty("file").GetString(), current.GetProperty("outcome").GetString()));
        Assert.Equal(4318m, current.GetProperty("totals").GetProperty("STD_SOCIAL_ORG").GetDecimal());
        Assert.Equal(64, current.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(1, body.GetProperty("versions").GetArrayLength());
        Assert.False(current.TryGetProperty("receiptName", out _));
        var rejected = body.GetProperty("rejected").EnumerateArray().Single();
        Assert.Equal("bad.csv", rejected.GetProperty("file").GetString());
        Assert.Equal("rejected", rejected.GetProperty("receipt").GetProperty("outcome").GetString());
        var processing = body.GetProperty("processing").EnumerateArray().Single();
        Assert.Equal("later.csv", processing.GetProperty("file").GetString());
    }

    [Fact]
    public async Task GetReceipt_OwnFile_TheReceipt()
    {
        var body = await GetJsonAsync("/api/returns/110000/2023/receipts/qi-beijing.csv", fixture.Tokens.Reporter("110000"));

        Assert.Equal(("110000", "2023", "accepted-with-warnings", 1), (body.GetProperty("reporter").GetString(), body.GetProperty("period").GetString(), body.GetProperty("outcome").GetString(), body.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task GetReceipt_NoSuchFile_404Problem()
    {
        using var response = await fixture.Client(fixture.Tokens.Reporter("110000")).GetAsync(new Uri("/api/returns/110000/2023/receipts/nothing.csv", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "There is no receipt for 110000/2023/nothing.csv (yet): the pipeline writes one within a minute of an upload. Check the file name, or GET /api/returns/110000/2023 for the uploads still being processed.");
    }

    [Theory]
    [InlineData("/api/returns/999999/2023", "The reporter '999999' is not one of the 31 provinces or the national administration 100000: use the six-digit GB/T 2260 code, for example 110000 for Beijing.")]
    [InlineData("/api/returns/110000/23", "The period '23' is not a year YYYY from 2000 to 2100.")]
    [InlineData("/api/coverage/1999", "The period '1999' is not a year YYYY from 2000 to 2100.")]
    public async Task Get_BadPathValue_400Problem(string path, string detail)
    {
        using var response = await fixture.Client(fixture.Tokens.National()).GetAsync(new Uri(path, UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task CreateUpload_OwnReporter_WriteOnlyGrantForExactlyThatBlob()
    {
        using var client = fixture.Client(fixture.Tokens.Reporter("110000"));
        using var response = await client.PostAsJsonAsync(new Uri("/api/returns/110000/2022/uploads", UriKind.Relative), new { file = "sas-check.csv" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var grant = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = new Uri(grant.GetProperty("uploadUrl").GetString()!);
        Assert.Equal("110000/2022/sas-check.csv", grant.GetProperty("blobName").GetString());
        Assert.Equal("service", grant.GetProperty("signature").GetString());
        Assert.Equal("/api/returns/110000/2022/receipts/sas-check.csv", grant.GetProperty("receipt").GetString());
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), grant.GetProperty("expiresOn").GetDateTimeOffset());
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(("cw", "b"), (query["sp"], query["sr"]));

        using var storage = new HttpClient();
        using var put = await storage.SendAsync(Put(url, "indicator,value,unit\n"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.True((await fixture.Storage.Uploads.GetBlobClient("110000/2022/sas-check.csv").ExistsAsync()).Value);

        var elsewhere = new UriBuilder(url) { Path = url.AbsolutePath.Replace("sas-check.csv", "other.csv", StringComparison.Ordinal) }.Uri;
        using var putElsewhere = await storage.SendAsync(Put(elsewhere, "x"));
        Assert.Equal(HttpStatusCode.Forbidden, putElsewhere.StatusCode);
        using var read = await storage.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Theory]
    [InlineData("", "The body must be JSON naming the file to upload, for example {\"file\": \"qi-beijing.csv\"}.")]
    [InlineData("{\"name\": \"x.csv\"}", "The body must be JSON naming the file to upload, for example {\"file\": \"qi-beijing.csv\"}.")]
    [InlineData("{\"file\": \"../110000/x.csv\"}", "The file name '../110000/x.csv' is not usable: give a plain name of at most 200 characters, without slashes, such as qi-beijing.csv.")]
    [InlineData("{\"file\": \"return.txt\"}", "The file 'return.txt' does not end in .csv, .xlsx or .json: save the return in one of these formats.")]
    public async Task CreateUpload_BadBody_400Problem(string body, string detail)
    {
        using var client = fixture.Client(fixture.Tokens.Reporter("110000"));
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/returns/110000/2022/uploads", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task GetNational_2023_PublishedFiguresWithoutProvinceInputs()
    {
        var body = await GetJsonAsync("/api/national/2023", null);

        Assert.Equal("final", body.GetProperty("status").GetString());
        Assert.Equal(32, body.GetProperty("coverage").GetProperty("reported").GetInt32());
        var groups = body.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "STD_SOCIAL_ORG");
        Assert.Equal((74240m, 45.3m, "团体标准"), (groups.GetProperty("value").GetDecimal(), groups.GetProperty("yoyRounded").GetDecimal(), groups.GetProperty("nameZh").GetString()));
        var share = body.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "IT_PRIVATE_SHARE");
        Assert.Equal(63.47m, share.GetProperty("rounded").GetDecimal());
        Assert.False(body.TryGetProperty("inputs", out _));
    }

    [Fact]
    public async Task GetNational_Unpublished_404Problem()
    {
        using var response = await fixture.Client().GetAsync(new Uri("/api/national/2030", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No national figures are published for 2030 yet: the rollup publishes them once a return of 2030 is accepted.");
    }

    [Fact]
    public async Task GetProvinces_GroupStandards2023_EveryExpectedReporterSummingToTheNationalFigure()
    {
        var body = await GetJsonAsync("/api/national/2023/provinces/STD_SOCIAL_ORG", fixture.Tokens.National());

        var provinces = body.GetProperty("provinces").EnumerateArray().ToList();
        Assert.Equal(32, provinces.Count);
        var beijing = provinces.Single(p => p.GetProperty("reporter").GetString() == "110000");
        Assert.Equal((4318m, 1, "北京市"), (beijing.GetProperty("value").GetDecimal(), beijing.GetProperty("version").GetInt32(), beijing.GetProperty("nameZh").GetString()));
        Assert.Equal(74240m, provinces.Where(p => p.GetProperty("value").ValueKind == JsonValueKind.Number).Sum(p => p.GetProperty("value").GetDecimal()));
        Assert.Equal("项", body.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task GetProvinces_UnknownIndicator_404Problem()
    {
        using var response = await fixture.Client(fixture.Tokens.National()).GetAsync(new Uri("/api/national/2023/provinces/NOPE", UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "There is no indicator 'NOPE': use a catalog code such as STD_SOCIAL_ORG.");
    }

    [Fact]
    public async Task GetRegions_Guangdong_TwentyOneCitiesSummingToItsTotal()
    {
        var body = await GetJsonAsync("/api/national/2023/regions/STD_SOCIAL_ORG?reporter=440000", fixture.Tokens.National());

        var regions = body.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(21, regions.Count);
        Assert.Equal(("440100", "广州市", 681m), (regions[0].GetProperty("regionCode").GetString(), regions[0].GetProperty("regionName").GetString(), regions[0].GetProperty("value").GetDecimal()));
        Assert.Equal(9374m, regions.Sum(r => r.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task GetRegions_ReporterWithoutParameter_ItsOwnCities()
    {
        var body = await GetJsonAsync("/api/national/2023/regions/STD_SOCIAL_ORG", fixture.Tokens.Reporter("440000"));

        Assert.Equal("440000", body.GetProperty("reporter").GetString());
        Assert.All(body.GetProperty("regions").EnumerateArray(), r => Assert.Equal("440000", r.GetProperty("reporter").GetString()));
        Assert.Equal(21, body.GetProperty("regions").GetArrayLength());
    }

    [Fact]
    public async Task GetCoverage_2023_EveryoneAcceptedBeijingWithARejectedAndAPendingFile()
    {
        var body = await GetJsonAsync("/api/coverage/2023", fixture.Tokens.National());

        Assert.Equal((32, 32, 32), (body.GetProperty("expected").GetInt32(), body.GetProperty("received").GetInt32(), body.GetProperty("accepted").GetInt32()));
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 23, 59, 59, TimeSpan.FromHours(8)), body.GetProperty("deadline").GetDateTimeOffset());
        var beijing = body.GetProperty("reporters").EnumerateArray().Single(r => r.GetProperty("reporter").GetString() == "110000");
        Assert.Equal(("accepted", 1, 3, 1, false), (beijing.GetProperty("status").GetString(), beijing.GetProperty("version").GetInt32(), beijing.GetProperty("files").GetInt32(), beijing.GetProperty("rejected").GetInt32(), beijing.GetProperty("overdue").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, beijing.GetProperty("daysLate").ValueKind);
    }

    [Fact]
    public async Task GetCoverage_NobodyReportedPastTheConfiguredDeadline_EachMissingTenDaysLate()
    {
        var body = await GetJsonAsync("/api/coverage/2024", fixture.Tokens.National());

        Assert.Equal(fixture.Deadline2024, body.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal((32, 0, 0), (body.GetProperty("expected").GetInt32(), body.GetProperty("received").GetInt32(), body.GetProperty("accepted").GetInt32()));
        Assert.All(body.GetProperty("reporters").EnumerateArray(), r =>
        {
            Assert.Equal("missing", r.GetProperty("status").GetString());
            Assert.True(r.GetProperty("overdue").GetBoolean());
            Assert.Equal(10, r.GetProperty("daysLate").GetInt32());
        });
    }

    [Fact]
    public async Task GetSdmxData_AcceptCsv_SdmxCsvOfEveryPublishedPeriod()
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/all");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.sdmx.data+csv;version=2.0.0");
        using var response = await client.SendAsync(request);

        Assert.Equal("application/vnd.sdmx.data+csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,UNIT_MEASURE,OBS_STATUS", lines[0]);
        Assert.Contains("dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,STD_SOCIAL_ORG,74240,NUMBER,A", lines);
        var share = Assert.Single(lines, l => l.StartsWith("dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,IT_PRIVATE_SHARE,", StringComparison.Ordinal));
        Assert.StartsWith("63.469229060208", share.Split(',')[6], StringComparison.Ordinal);
        Assert.EndsWith(",PC,A", share, StringComparison.Ordinal);
        Assert.Equal(["2022", "2023"], lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[4]).Distinct());
    }

    [Fact]
    public async Task GetSdmxData_KeyAndStartPeriod_OnlyThoseSeriesInXml()
    {
        using var response = await fixture.Client().GetAsync(new Uri("/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/CN.STD_SOCIAL_ORG+STD_SOCIAL_ORG_YOY?startPeriod=2023", UriKind.Relative));

        Assert.Equal("application/vnd.sdmx.structurespecificdata+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var obs = xml.Descendants("Obs").Select(o => ((string)o.Parent!.Attribute("INDICATOR")!, (string)o.Attribute("TIME_PERIOD")!, (string)o.Attribute("OBS_VALUE")!)).ToList();
        Assert.Equal(2, obs.Count);
        Assert.Equal(("STD_SOCIAL_ORG", "2023", "74240"), obs[0]);
        Assert.StartsWith("45.3463330592427", obs[1].Item3, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/sdmx/data/CN_SAMR,OTHER,1.0/all", null, HttpStatusCode.NotFound, "There is no dataflow 'CN_SAMR,OTHER,1.0': this service has CN_SAMR,QI_NATIONAL,1.0.")]
    [InlineData("/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/CN", null, HttpStatusCode.BadRequest, "The key 'CN' has 1 part(s), but the dataflow has 2 key dimensions (REF_AREA.INDICATOR): write it like CN.STD_SOCIAL_ORG, CN.STD_SOCIAL_ORG+IT_REVENUE, .IT_REVENUE or all.")]
    [InlineData("/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/HK.", null, HttpStatusCode.NotFound, "No published observations match the key 'HK.' and the periods asked for.")]
    [InlineData("/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/all", "application/json", HttpStatusCode.NotAcceptable, "This service answers SDMX data as application/vnd.sdmx.data+csv;version=2.0.0 or application/vnd.sdmx.structurespecificdata+xml;version=2.1.")]
    [InlineData("/api/sdmx/structure/dataflow/CN_SAMR/OTHER/1.0", null, HttpStatusCode.NotFound, "There is no dataflow CN_SAMR/OTHER/1.0: this service has CN_SAMR/QI_NATIONAL/1.0.")]
    [InlineData("/api/sdmx/structure/categoryscheme/CN_SAMR/all/latest", null, HttpStatusCode.NotFound, "There are no structures of type 'categoryscheme': this service has dataflow, datastructure, codelist and conceptscheme.")]
    [InlineData("/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/all/ESTAT", null, HttpStatusCode.NotFound, "There is no data provider 'ESTAT': this service's data come from CN_SAMR (or ask for all).")]
    public async Task GetSdmx_Bad_Problem(string path, string? accept, HttpStatusCode status, string detail)
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, status, detail);
    }

    [Fact]
    public async Task GetSdmxStructure_References_DataflowWithItsStructures()
    {
        using var client = fixture.Client();
        var all = XDocument.Parse(await client.GetStringAsync(new Uri("/api/sdmx/structure/dataflow/CN_SAMR/QI_NATIONAL/1.0?references=all", UriKind.Relative)));
        var none = XDocument.Parse(await client.GetStringAsync(new Uri("/api/sdmx/structure/dataflow/CN_SAMR/QI_NATIONAL/latest", UriKind.Relative)));

        Assert.Equal(["Dataflows", "Codelists", "Concepts", "DataStructures"], all.Root!.Elements().Last().Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["Dataflows"], none.Root!.Elements().Last().Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task Health_Azurite_Healthy()
    {
        var body = await GetJsonAsync("/api/health", null);

        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    private static HttpRequestMessage Put(Uri url, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent(text, Encoding.UTF8, "text/csv") };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return request;
    }

    private async Task<JsonElement> GetJsonAsync(string path, string? token)
    {
        using var client = fixture.Client(token);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }
}
