using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/returns/{reporter}/{period}</c>: versions, rejected files and uploads in progress.</summary>
public sealed class GetReturn(ApiHandlers handlers)
{
    [Function(nameof(GetReturn))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Return)] HttpRequest request, string reporter, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetReturnAsync(request.HttpContext, reporter, period, cancellationToken));
    }
}
