using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace QiIngest.Api.Tests;

/// <summary>
/// The permission matrix, through the real JwtBearer handler: a reporter reads and uploads its own returns only, the
/// national role reads everything, anonymous callers get the published figures and reports, templates, SDMX and the
/// portal only, and a token that is expired, forged, for another audience or from another issuer is a 401 wherever it
/// is sent on the API.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PermissionTests(ApiFixture fixture)
{
    public static TheoryData<string, string, string, HttpStatusCode> Matrix()
    {
        var rows = new TheoryData<string, string, string, HttpStatusCode>();
        void Row(string method, string path, HttpStatusCode anonymous, HttpStatusCode own, HttpStatusCode other, HttpStatusCode national)
        {
            rows.Add(method, path, "anonymous", anonymous);
            rows.Add(method, path, "reporter-110000", own);
            rows.Add(method, path, "reporter-320000", other);
            rows.Add(method, path, "national", national);
        }

        const HttpStatusCode ok = HttpStatusCode.OK, created = HttpStatusCode.Created, unauthorized = HttpStatusCode.Unauthorized, forbidden = HttpStatusCode.Forbidden;
        Row("GET", "/api/returns/110000/2023", unauthorized, ok, forbidden, ok);
        Row("GET", "/api/returns/110000/2023/receipts/qi-beijing.csv", unauthorized, ok, forbidden, ok);
        Row("POST", "/api/returns/110000/2023/uploads", unauthorized, created, forbidden, forbidden);
        Row("GET", "/api/national/2023", ok, ok, ok, ok);
        Row("GET", "/api/national/2023/provinces/STD_SOCIAL_ORG", unauthorized, forbidden, forbidden, ok);
        Row("GET", "/api/national/2023/regions/STD_SOCIAL_ORG?reporter=110000", unauthorized, ok, forbidden, ok);
        Row("GET", "/api/national/2023/regions/STD_SOCIAL_ORG", unauthorized, ok, ok, ok);
        Row("GET", "/api/coverage/2023", unauthorized, forbidden, forbidden, ok);
        Row("GET", "/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/all", ok, ok, ok, ok);
        Row("GET", "/api/sdmx/structure/dataflow/CN_SAMR/QI_NATIONAL/1.0?references=all", ok, ok, ok, ok);
        Row("GET", "/api/health", ok, ok, ok, ok);
        Row("GET", "/api/returns/110000/2023/template?format=csv", ok, ok, ok, ok);
        Row("GET", "/api/periods", ok, ok, ok, ok);
        Row("GET", "/api/catalog", ok, ok, ok, ok);
        Row("GET", "/api/national/2023/files", ok, ok, ok, ok);
        Row("GET", "/api/national/2023/files/index.html", ok, ok, ok, ok);
        Row("GET", "/", ok, ok, ok, ok);
        Row("GET", "/portal/config.json", ok, ok, ok, ok);
        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_Caller_GetsItsStatus(string method, string path, string caller, HttpStatusCode expected)
    {
        using var response = await SendAsync(method, path, Token(caller));

        Assert.Equal(expected, response.StatusCode);
        if (expected is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
            Assert.Equal(path, problem.GetProperty("instance").GetString());
        }
    }

    [Fact]
    public async Task GetReturn_AnotherProvince_403SaysWhoseReturnsTheAccountReads()
    {
        using var response = await SendAsync("GET", "/api/returns/110000/2023", fixture.Tokens.Reporter("320000"));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://qiingest.example/problems/forbidden", problem.GetProperty("type").GetString());
        Assert.Equal("Your account may not read the returns of 110000; it reads those of 320000.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Upload_National_403OnlyTheReportersStaffUpload()
    {
        using var response = await SendAsync("POST", "/api/returns/110000/2023/uploads", fixture.Tokens.National());

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Only the staff of reporter 110000 may upload its returns.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetReturn_TwoReporterRoles_403TiedToExactlyOne()
    {
        using var response = await SendAsync("GET", "/api/returns/110000/2023", fixture.Tokens.Mint(["Reporter.110000", "Reporter.320000"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Your account has 2 reporter roles, but a reporter's account is tied to exactly one: ask the national team to leave one role assigned.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GetReturn_SignedInWithoutRoles_403()
    {
        using var response = await SendAsync("GET", "/api/returns/110000/2023", fixture.Tokens.Mint([]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetReturn_Anonymous_401WithBearerChallenge()
    {
        using var response = await SendAsync("GET", "/api/returns/110000/2023", null);

        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", "The bearer token has expired: sign in again." },
        { "forged", "The bearer token's signature is not valid: sign in again to get a token from Microsoft Entra ID." },
        { "wrong-audience", "The bearer token is for another application (its audience is not this API): request a token for this API's scope." },
        { "wrong-issuer", "The bearer token was issued by another tenant or authority: sign in with your organisation's account." },
        { "garbage", "The bearer token is not valid: sign in again." },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AnyEndpoint_BadToken_401InvalidToken(string kind, string detail)
    {
        var token = kind switch
        {
            "expired" => fixture.Tokens.Mint(["National"], expiresIn: TimeSpan.FromHours(-1)),
            "forged" => fixture.Tokens.Mint(["National"], forged: true),
            "wrong-audience" => fixture.Tokens.Mint(["National"], audience: "api://another-app"),
            "wrong-issuer" => fixture.Tokens.Mint(["National"], issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"),
            _ => "not.a.token",
        };

        foreach (var path in new[] { "/api/returns/110000/2023", "/api/national/2023", "/api/sdmx/data/CN_SAMR,QI_NATIONAL,1.0/all", "/api/national/2023/files/national.csv", "/api/returns/110000/2023/template" })
        {
            using var response = await SendAsync("GET", path, token);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString());
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Portal_BadToken_StillServedSoThatTheUserCanSignInAgain()
    {
        using var response = await SendAsync("GET", "/", "not.a.token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private string? Token(string caller) => caller switch
    {
        "anonymous" => null,
        "national" => fixture.Tokens.National(),
        _ => fixture.Tokens.Reporter(caller["reporter-".Length..]),
    };

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? token)
    {
        using var client = fixture.Client(token);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { file = "permission-check.csv" });
        }

        return await client.SendAsync(request);
    }
}
