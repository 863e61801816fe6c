using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QiIngest.Api;

/// <summary>Maps the API's routes onto an ASP.NET Core app (the local host's Kestrel, tests), to the same <see cref="ApiHandlers"/> the Functions app calls.</summary>
public static class ApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps every route of <see cref="ApiRoutes"/> under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapQiIngestApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.MapGet(ApiRoutes.Health, (HttpContext c, ApiHandlers h, CancellationToken ct) => h.HealthAsync(c, ct));
        api.MapGet(ApiRoutes.Return, (HttpContext c, ApiHandlers h, string reporter, string period, CancellationToken ct) => h.GetReturnAsync(c, reporter, period, ct));
        api.MapGet(ApiRoutes.Receipt, (HttpContext c, ApiHandlers h, string reporter, string period, string file, CancellationToken ct) => h.GetReceiptAsync(c, reporter, period, file, ct));
        api.MapPost(ApiRoutes.Uploads, (HttpContext c, ApiHandlers h, string reporter, string period, CancellationToken ct) => h.CreateUploadAsync(c, reporter, period, ct));
        api.MapGet(ApiRoutes.National, (HttpContext c, ApiHandlers h, string period, CancellationToken ct) => h.GetNationalAsync(c, period, ct));
        api.MapGet(ApiRoutes.Provinces, (HttpContext c, ApiHandlers h, string period, string indicator, CancellationToken ct) => h.GetProvincesAsync(c, period, indicator, ct));
        api.MapGet(ApiRoutes.Regions, (HttpContext c, ApiHandlers h, string period, string indicator, CancellationToken ct) => h.GetRegionsAsync(c, period, indicator, c.Request.Query["reporter"], ct));
        api.MapGet(ApiRoutes.Coverage, (HttpContext c, ApiHandlers h, string period, CancellationToken ct) => h.GetCoverageAsync(c, period, ct));
        api.MapGet(ApiRoutes.SdmxData, (HttpContext c, ApiHandlers h, string flow, string? key, string? provider, CancellationToken ct) => h.GetSdmxDataAsync(c, flow, key, provider, ct));
        api.MapGet(ApiRoutes.SdmxStructure, (HttpContext c, ApiHandlers h, string type, string agency, string id, string version, CancellationToken ct) => h.GetSdmxStructureAsync(c, type, agency, id, version, ct));
        api.MapGet(ApiRoutes.Template, (HttpContext c, ApiHandlers h, string reporter, string period, CancellationToken ct) => h.GetTemplateAsync(c, reporter, period, c.Request.Query["format"], ct));
        api.MapGet(ApiRoutes.Periods, (HttpContext c, ApiHandlers h, CancellationToken ct) => h.GetPeriodsAsync(c, ct));
        api.MapGet(ApiRoutes.Catalog, (HttpContext c, ApiHandlers h, CancellationToken ct) => h.GetCatalogAsync(c, ct));
        api.MapGet(ApiRoutes.PublishedFiles, (HttpContext c, ApiHandlers h, string period, CancellationToken ct) => h.ListPublishedFilesAsync(c, period, ct));
        api.MapGet(ApiRoutes.PublishedFile, (HttpContext c, ApiHandlers h, string period, string file, CancellationToken ct) => h.GetPublishedFileAsync(c, period, file, ct));
        return endpoints;
    }
}
