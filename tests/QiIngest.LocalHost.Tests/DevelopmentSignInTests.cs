using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using QiIngest.Storage;

namespace QiIngest.LocalHost.Tests;

/// <summary>The local host's development sign-in on Kestrel, through the API's real JwtBearer validation, and the portal's CORS rule on Azurite.</summary>
public sealed class DevelopmentSignInTests
{
    private static readonly Dictionary<string, string?> Http = new() { [LocalApi.Urls] = "http://127.0.0.1:0" };

    private static readonly Dictionary<string, string?> HttpWithSignIn = new(Http) { [DevelopmentSignIn.Setting] = "true" };

    [Fact]
    public async Task DevToken_Reporter_ReadsItsOwnReturnAndIsForbiddenAnothers()
    {
        await using var harness = await LocalHostHarness.CreateAsync(HttpWithSignIn);
        var host = await harness.StartHostAsync();
        using var client = Client(host);

        var token = await TokenAsync(client, "Reporter.110000");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var own = await client.GetAsync("/api/returns/110000/2023");
        using var other = await client.GetAsync("/api/returns/120000/2023");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DevToken_Claims_AreTheOneRoleTheHostIssuerAndTheLocalAudience()
    {
        await using var harness = await LocalHostHarness.CreateAsync(HttpWithSignIn);
        var host = await harness.StartHostAsync();
        using var client = Client(host);

        using var answer = await client.PostAsJsonAsync(DevelopmentSignIn.TokenPath, new { role = "National" });
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var token = new JsonWebToken(body.RootElement.GetProperty("accessToken").GetString());
        var expiresOn = body.RootElement.GetProperty("expiresOn").GetDateTimeOffset();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(client.BaseAddress!.ToString().TrimEnd('/') + "/dev", token.Issuer);
        Assert.Equal([DevelopmentSignIn.Audience], token.Audiences);
        Assert.Equal(["National"], token.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.Equal("national@localhost", token.GetClaim("preferred_username").Value);
        Assert.InRange(expiresOn - TimeProvider.System.GetUtcNow(), TimeSpan.FromHours(7.9), TimeSpan.FromHours(8));
        Assert.Equal(token.ValidTo, expiresOn.UtcDateTime, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task DevToken_OfAnotherHost_IsRefusedWith401()
    {
        await using var harness = await LocalHostHarness.CreateAsync(HttpWithSignIn);
        var first = await harness.StartHostAsync();
        var second = await harness.StartHostAsync();
        using var firstClient = Client(first);
        using var secondClient = Client(second);

        // Each host signs with its own key, made at start: a token is good at the host that issued it only.
        secondClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(firstClient, "Reporter.110000"));
        using var answer = await secondClient.GetAsync("/api/returns/110000/2023");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Theory]
    [InlineData("""{ "role": "Reporter.999999" }""")]
    [InlineData("""{ "role": "Admin" }""")]
    [InlineData("""{ }""")]
    [InlineData("not json")]
    public async Task DevToken_UnknownRole_Is400WithWhatToSend(string request)
    {
        await using var harness = await LocalHostHarness.CreateAsync(HttpWithSignIn);
        var host = await harness.StartHostAsync();
        using var client = Client(host);

        using var answer = await client.PostAsync(DevelopmentSignIn.TokenPath, new StringContent(request, System.Text.Encoding.UTF8, "application/json"));
        using var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.StartsWith("Send { \"role\": \"National\" } or { \"role\": \"Reporter.{code}\" }", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentSignIn_SettingOff_NoTokenEndpointAndThePortalOptionIsFalse()
    {
        // The portal's option set from elsewhere does not turn it on: only the local host's own setting does.
        await using var harness = await LocalHostHarness.CreateAsync(new Dictionary<string, string?>(Http) { [DevelopmentSignIn.PortalOption] = "true" });
        var host = await harness.StartHostAsync();
        using var client = Client(host);

        using var answer = await client.PostAsJsonAsync(DevelopmentSignIn.TokenPath, new { role = "National" });

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("false", host.Services.GetRequiredService<IConfiguration>()[DevelopmentSignIn.PortalOption]);
    }

    [Fact]
    public async Task DevelopmentSignIn_SettingOn_SetsThePortalOption()
    {
        await using var harness = await LocalHostHarness.CreateAsync(HttpWithSignIn);
        var host = await harness.StartHostAsync();

        Assert.Equal("true", host.Services.GetRequiredService<IConfiguration>()[DevelopmentSignIn.PortalOption]);
    }

    [Fact]
    public async Task PortalUploadCors_HostServingHttp_AzuriteAnswersThePreflightOfItsOrigin()
    {
        await using var harness = await LocalHostHarness.CreateAsync(Http);
        var host = await harness.StartHostAsync();
        var origin = host.Addresses().Single().GetLeftPart(UriPartial.Authority);
        var blob = harness.Storage.Uploads.GetBlobClient("110000/2023/return.csv").Uri;
        using var http = new HttpClient();

        var properties = (await host.Services.GetRequiredService<QiStorage>().Blobs.GetPropertiesAsync()).Value;
        var rule = Assert.Single(properties.Cors, r => r.AllowedMethods == BrowserUploadCors.AllowedMethods);
        using var allowed = await http.SendAsync(Preflight(blob, origin));
        using var refused = await http.SendAsync(Preflight(blob, "http://elsewhere.example"));

        // Other hosts on the shared Azurite add their origins too.
        Assert.Contains(origin, rule.AllowedOrigins.Split(','));
        Assert.Contains(origin.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), rule.AllowedOrigins.Split(','));
        Assert.Equal("x-ms-blob-type,x-ms-*,content-type", rule.AllowedHeaders);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static HttpRequestMessage Preflight(Uri blob, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, blob);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "x-ms-blob-type");
        return request;
    }

    private static HttpClient Client(IHost host) => new() { BaseAddress = host.Addresses().Single() };

    private static async Task<string> TokenAsync(HttpClient client, string role)
    {
        using var answer = await client.PostAsJsonAsync(DevelopmentSignIn.TokenPath, new { role });
        answer.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }
}
