using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api.Portal;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /portal/{path}</c>: the portal's assets and its sign-in configuration.</summary>
public sealed class PortalAsset(PortalHandlers portal)
{
    /// <summary>Everything below <c>/portal/</c>.</summary>
    public const string Route = PortalEndpointRouteBuilderExtensions.AssetsPath + "/{*path}";

    [Function(nameof(PortalAsset))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(portal.Asset(request.HttpContext, path));
    }
}
