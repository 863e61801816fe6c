using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QiIngest.Api.Portal;

/// <summary>Maps the portal onto an ASP.NET Core app (the local host's Kestrel, tests), to the same <see cref="PortalHandlers"/> the Functions app calls.</summary>
public static class PortalEndpointRouteBuilderExtensions
{
    /// <summary>The portal's assets are below this path.</summary>
    public const string AssetsPath = "portal";

    /// <summary>Maps <c>/</c> (the page), <c>/portal/{asset}</c> and <c>/portal/config.json</c>.</summary>
    public static IEndpointRouteBuilder MapQiIngestPortal(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/", (HttpContext c, PortalHandlers h) => h.Index(c));
        endpoints.MapGet("/" + AssetsPath + "/{*path}", (HttpContext c, PortalHandlers h, string? path) => h.Asset(c, path));
        return endpoints;
    }
}
