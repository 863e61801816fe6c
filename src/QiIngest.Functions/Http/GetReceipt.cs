using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/returns/{reporter}/{period}/receipts/{file}</c>: one receipt.</summary>
public sealed class GetReceipt(ApiHandlers handlers)
{
    [Function(nameof(GetReceipt))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.Receipt)] HttpRequest request, string reporter, string period, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetReceiptAsync(request.HttpContext, reporter, period, file, cancellationToken));
    }
}
