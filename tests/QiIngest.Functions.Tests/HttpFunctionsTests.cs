using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Api;
using QiIngest.Api.Portal;
using QiIngest.Functions.Http;
using QiIngest.Storage;

namespace QiIngest.Functions.Tests;

/// <summary>The HTTP functions serve exactly the API's routes and the portal, through the same handlers as the local host.</summary>
public class HttpFunctionsTests
{
    [Fact]
    public void HttpFunctions_EveryApiRoute_OneFunctionWithThatMethodAndRoute()
    {
        var triggers = typeof(GetReturn).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
            .Select(t => (Method: t.Methods!.Single().ToUpperInvariant(), Route: t.Route!, t.AuthLevel))
            .ToList();

        var expected = ApiRoutes.All.Select(r => (r.Method, Route: "api/" + r.Route)).Append((Method: "GET", Route: "/")).Append((Method: "GET", Route: "portal/{*path}"));
        Assert.Equal(expected.OrderBy(r => r.Route, StringComparer.Ordinal), triggers.Select(t => (t.Method, t.Route)).OrderBy(r => r.Route, StringComparer.Ordinal));
        Assert.All(triggers, t => Assert.Equal(AuthorizationLevel.Anonymous, t.AuthLevel));
    }

    [Fact]
    public void HostJson_RoutePrefix_EmptySoThatThePortalIsAtTheRootAndTheApiStaysAtApi()
    {
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));

        Assert.Equal(string.Empty, host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public async Task PortalHome_AsTheAppRegistersIt_AnswersThePageWithItsPolicy()
    {
        using var provider = Services();
        var context = Request(provider, "/", authorization: null);

        var result = new PortalHome(provider.GetRequiredService<PortalHandlers>()).Run(context.Request);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", context.Response.ContentType);
        Assert.Contains("connect-src 'self' http://127.0.0.1:10000 https://login.microsoftonline.com;", context.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"lang-toggle\"", Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortalAsset_ConfigJson_EntraSignInOfTheAppRegistration()
    {
        using var provider = Services();
        var context = Request(provider, "/portal/config.json", authorization: null);

        var result = new PortalAsset(provider.GetRequiredService<PortalHandlers>()).Run(context.Request, "config.json");
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        Assert.Equal(
            "{\"signIn\":\"entra\",\"authority\":\"https://login.microsoftonline.com/6f1c8a52-0d6b-4d1e-9a37-3c2b7f5e9d10/v2.0\",\"clientId\":\"0b9e4d27-5c1a-4f3e-8d62-7a1b2c3d4e5f\",\"scope\":\"api://0b9e4d27-5c1a-4f3e-8d62-7a1b2c3d4e5f/access_as_user\"}",
            Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public async Task GetSdmxStructure_AsTheAppRegistersIt_AnswersTheDataflow()
    {
        using var provider = Services();
        var context = Request(provider, "/api/sdmx/structure/dataflow/CN_SAMR/QI_NATIONAL/1.0", authorization: null);

        var result = await new GetSdmxStructure(provider.GetRequiredService<ApiHandlers>()).RunAsync(context.Request, "dataflow", "CN_SAMR", "QI_NATIONAL", "1.0", CancellationToken.None);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/vnd.sdmx.structure+xml;version=2.1", context.Response.ContentType);
    }

    [Fact]
    public async Task GetReturn_ForgedToken_401FromTheSameJwtBearerValidation()
    {
        using var provider = Services();
        var context = Request(provider, "/api/returns/110000/2023", authorization: "Bearer not.a.token");

        var result = await new GetReturn(provider.GetRequiredService<ApiHandlers>()).RunAsync(context.Request, "110000", "2023", CancellationToken.None);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", context.Response.Headers.WWWAuthenticate.ToString());
    }

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QiStorage"] = "UseDevelopmentStorage=true",
            ["AzureAd:TenantId"] = "6f1c8a52-0d6b-4d1e-9a37-3c2b7f5e9d10",
            ["AzureAd:ClientId"] = "0b9e4d27-5c1a-4f3e-8d62-7a1b2c3d4e5f",
        }).Build();
        return new ServiceCollection().AddLogging().AddQiIngestStorage(configuration).AddQiIngestApi(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static DefaultHttpContext Request(IServiceProvider services, string path, string? authorization)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }
}
