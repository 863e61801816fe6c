using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/national/{period}/provinces/{indicator}</c>: province values from the current versions.</summary>
public sealed class GetProvinces(ApiHandlers handlers)
{
    [Function(nameof(GetProvinces))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Provinces)] HttpRequest request, string period, string indicator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetProvincesAsync(request.HttpContext, period, indicator, cancellationToken));
    }
}
