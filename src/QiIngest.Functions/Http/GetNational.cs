using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/national/{period}</c>: the published figures.</summary>
public sealed class GetNational(ApiHandlers handlers)
{
    [Function(nameof(GetNational))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.National)] HttpRequest request, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetNationalAsync(request.HttpContext, period, cancellationToken));
    }
}
