using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/sdmx/data/{flow}/{key}/{provider}</c>: SDMX-CSV 2.0 or SDMX-ML 2.1 by <c>Accept</c>.</summary>
public sealed class GetSdmxData(ApiHandlers handlers)
{
    [Function(nameof(GetSdmxData))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.SdmxData)] HttpRequest request, string flow, string? key, string? provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetSdmxDataAsync(request.HttpContext, flow, key, provider, cancellationToken));
    }
}
