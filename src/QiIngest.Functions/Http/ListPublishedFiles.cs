using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/national/{period}/files</c>: the published reports of a period.</summary>
public sealed class ListPublishedFiles(ApiHandlers handlers)
{
    [Function(nameof(ListPublishedFiles))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.PublishedFiles)] HttpRequest request, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.ListPublishedFilesAsync(request.HttpContext, period, cancellationToken));
    }
}
