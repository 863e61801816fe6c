using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/returns/{reporter}/{period}/template?format=csv|xlsx</c>: the empty return to fill in.</summary>
public sealed class GetTemplate(ApiHandlers handlers)
{
    [Function(nameof(GetTemplate))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Template)] HttpRequest request, string reporter, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetTemplateAsync(request.HttpContext, reporter, period, request.Query["format"], cancellationToken));
    }
}
