using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/catalog</c>: the indicators and the reporters, with their names.</summary>
public sealed class GetCatalog(ApiHandlers handlers)
{
    [Function(nameof(GetCatalog))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Catalog)] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetCatalogAsync(request.HttpContext, cancellationToken));
    }
}
