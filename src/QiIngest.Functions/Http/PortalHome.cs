using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api.Portal;

namespace QiIngest.Functions.Http;

/// <summary>
/// <c>GET /</c>: the portal's page. The route prefix is empty (host.json) so that the portal is at the root; the host's
/// own home page must be off (app setting <c>AzureWebJobsDisableHomepage=true</c>) for this function to answer <c>/</c>.
/// </summary>
public sealed class PortalHome(PortalHandlers portal)
{
    /// <summary>The root.</summary>
    public const string Route = "/";

    [Function(nameof(PortalHome))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(portal.Index(request.HttpContext));
    }
}
