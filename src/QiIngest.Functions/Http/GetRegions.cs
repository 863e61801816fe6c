using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/national/{period}/regions/{indicator}?reporter=</c>: city detail from the current versions.</summary>
public sealed class GetRegions(ApiHandlers handlers)
{
    [Function(nameof(GetRegions))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Regions)] HttpRequest request, string period, string indicator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetRegionsAsync(request.HttpContext, period, indicator, request.Query["reporter"], cancellationToken));
    }
}
