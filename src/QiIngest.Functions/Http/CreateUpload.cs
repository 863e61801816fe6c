using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>POST /api/returns/{reporter}/{period}/uploads</c>: a write-only grant for one file.</summary>
public sealed class CreateUpload(ApiHandlers handlers)
{
    [Function(nameof(CreateUpload))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Rooted + ApiRoutes.Uploads)] HttpRequest request, string reporter, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.CreateUploadAsync(request.HttpContext, reporter, period, cancellationToken));
    }
}
