using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/health</c>: whether storage is reachable.</summary>
public sealed class Health(ApiHandlers handlers)
{
    [Function(nameof(Health))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Health)] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.HealthAsync(request.HttpContext, cancellationToken));
    }
}
