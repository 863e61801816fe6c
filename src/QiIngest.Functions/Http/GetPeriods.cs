using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/periods</c>: the current reporting period and the periods with published figures.</summary>
public sealed class GetPeriods(ApiHandlers handlers)
{
    [Function(nameof(GetPeriods))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Periods)] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetPeriodsAsync(request.HttpContext, cancellationToken));
    }
}
