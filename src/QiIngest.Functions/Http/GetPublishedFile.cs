using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/national/{period}/files/{file}</c>: one published report.</summary>
public sealed class GetPublishedFile(ApiHandlers handlers)
{
    [Function(nameof(GetPublishedFile))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.PublishedFile)] HttpRequest request, string period, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetPublishedFileAsync(request.HttpContext, period, file, cancellationToken));
    }
}
