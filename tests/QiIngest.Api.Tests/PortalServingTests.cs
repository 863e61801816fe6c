using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Api.Portal;
using QiIngest.Core.Validation;
using QiIngest.Storage;
using QiIngest.Testing;

namespace QiIngest.Api.Tests;

/// <summary>
/// The portal as <see cref="PortalEndpointRouteBuilderExtensions.MapQiIngestPortal"/> serves it: the page at <c>/</c>, its
/// assets with their media types, the policy headers on every answer, and the sign-in configuration in both modes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class PortalServingTests(ApiFixture fixture)
{
    private const string EntraPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' http://127.0.0.1:10000 https://login.microsoftonline.com; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>The data-testids of the contract with the browser tests (/work/prompts/portal-contract.md).</summary>
    public static TheoryData<string> ContractTestIds() => new(
        "lang-toggle", "signed-in-as", "sign-out", "error-banner", "dev-role", "sign-in", "period", "template-download", "drop-zone",
        "file-input", "pending-upload", "confirm-upload", "replace-notice", "upload-progress", "receipt", "issues-table", "issue-row",
        "versions", "version-row", "rejected-row", "coverage-counts", "coverage-table", "coverage-row", "dashboard", "report-link",
        "indicator", "city-reporter", "regions-table", "region-row");

    [Fact]
    public async Task Root_Page_HtmlWithStrictPolicyNoSniffAndRevalidation()
    {
        using var response = await fixture.Client().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(EntraPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"/portal/portal.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("portal.css", "text/css; charset=utf-8")]
    [InlineData("portal.js", "text/javascript; charset=utf-8")]
    [InlineData("i18n.js", "text/javascript; charset=utf-8")]
    [InlineData("api.js", "text/javascript; charset=utf-8")]
    [InlineData("icon.svg", "image/svg+xml")]
    public async Task Asset_Each_ItsMediaTypeAndThePolicy(string asset, string mediaType)
    {
        using var response = await fixture.Client().GetAsync(new Uri("/portal/" + asset, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(EntraPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task Asset_SameETag_304WithoutBody()
    {
        using var client = fixture.Client();
        using var first = await client.GetAsync(new Uri("/portal/portal.js", UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/portal/portal.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/portal/nothing.js")]
    [InlineData("/portal/")]
    [InlineData("/portal/assets/portal.js")]
    public async Task Asset_Unknown_404Problem(string path)
    {
        using var response = await fixture.Client().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("The portal has no file '", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigJson_Azure_EntraAuthorityClientAndScopeNotCached()
    {
        using var response = await fixture.Client().GetAsync(new Uri("/portal/config.json", UriKind.Relative));

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(
            $"{{\"signIn\":\"entra\",\"authority\":\"https://login.microsoftonline.com/{TestTokens.TenantId}/v2.0\",\"clientId\":\"{TestTokens.ClientId}\",\"scope\":\"api://{TestTokens.ClientId}/access_as_user\"}}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConfigJson_DevelopmentSignIn_TokenUrlAndEveryRoleAndNoAuthorityInThePolicy()
    {
        var settings = Azurite.IsolatedStorageSettings("portaldev");
        settings["AzureAd:TenantId"] = TestTokens.TenantId;
        settings["AzureAd:ClientId"] = TestTokens.ClientId;
        settings["QiIngest:Portal:DevelopmentSignIn"] = "true";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseTestServer();
        builder.Services.AddRouting().AddQiIngestStorage(builder.Configuration).AddQiIngestApi(builder.Configuration);
        await using var app = builder.Build();
        app.UseRouting();
        app.MapQiIngestPortal();
        await app.StartAsync();

        using var response = await app.GetTestClient().GetAsync(new Uri("/portal/config.json", UriKind.Relative));

        var config = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("development", "/dev/token"), (config.GetProperty("signIn").GetString(), config.GetProperty("tokenUrl").GetString()));
        var roles = config.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(33, roles.Count);
        Assert.Equal(["National", "Reporter.110000", "Reporter.120000"], roles.Take(3));
        Assert.Equal("Reporter.100000", roles[^1]);
        Assert.Contains("connect-src 'self' http://127.0.0.1:10000;", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ContractTestIds))]
    public async Task Pages_ContractTestId_PresentInThePageOrItsScript(string testId)
    {
        var html = await GetTextAsync("/portal/index.html");
        var script = await GetTextAsync("/portal/portal.js");

        Assert.True(
            html.Contains($"data-testid=\"{testId}\"", StringComparison.Ordinal) || script.Contains($"'data-testid': '{testId}'", StringComparison.Ordinal) || script.Contains($"[data-testid={testId}]", StringComparison.Ordinal) || script.Contains($"table('{testId}'", StringComparison.Ordinal),
            $"The data-testid '{testId}' of the contract is in neither index.html nor portal.js.");
    }

    [Fact]
    public async Task Texts_BothLanguages_SameKeysAndEveryKeyTheScriptUses()
    {
        var i18n = await GetTextAsync("/portal/i18n.js");
        var script = await GetTextAsync("/portal/portal.js");
        var zh = i18n[i18n.IndexOf("  zh: {", StringComparison.Ordinal)..i18n.IndexOf("  en: {", StringComparison.Ordinal)];
        var en = i18n[i18n.IndexOf("  en: {", StringComparison.Ordinal)..];

        var zhKeys = Keys().Matches(zh).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var enKeys = Keys().Matches(en).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(zhKeys.Order(StringComparer.Ordinal), enKeys.Order(StringComparer.Ordinal));
        var used = Uses().Matches(script).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count > 40, $"only {used.Count} keys found in portal.js");
        Assert.Equal([], used.Where(k => !zhKeys.Contains(k)).Order(StringComparer.Ordinal));
        var issueTypes = typeof(IssueType).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(20, issueTypes.Count);
        Assert.All(issueTypes, type => Assert.Contains("hint." + type, zhKeys));
    }

    private async Task<string> GetTextAsync(string path)
    {
        using var response = await fixture.Client().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex(@"^    '([a-z][\w.-]+)': ", RegexOptions.Multiline)]
    private static partial Regex Keys();

    [GeneratedRegex(@"(?:i18n: \[|\bt\(|bind\([\w.]+, )'([a-z][\w.-]+)'")]
    private static partial Regex Uses();
}
