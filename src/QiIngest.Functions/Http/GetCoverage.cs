using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/coverage/{period}</c>: who has reported, against the deadline.</summary>
public sealed class GetCoverage(ApiHandlers handlers)
{
    [Function(nameof(GetCoverage))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Coverage)] HttpRequest request, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetCoverageAsync(request.HttpContext, period, cancellationToken));
    }
}
