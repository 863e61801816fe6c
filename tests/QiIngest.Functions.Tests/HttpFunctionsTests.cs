using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Api;
using QiIngest.Functions.Http;
using QiIngest.Storage;

namespace QiIngest.Functions.Tests;

/// <summary>The HTTP functions serve exactly the API's routes, through the same handlers as the local host.</summary>
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

        Assert.Equal(ApiRoutes.All.OrderBy(r => r.Route, StringComparer.Ordinal), triggers.Select(t => (t.Method, t.Route)).OrderBy(r => r.Route, StringComparer.Ordinal));
        Assert.All(triggers, t => Assert.Equal(AuthorizationLevel.Anonymous, t.AuthLevel));
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
