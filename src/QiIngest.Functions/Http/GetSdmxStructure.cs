using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Api;

namespace QiIngest.Functions.Http;

/// <summary><c>GET /api/sdmx/structure/{type}/{agency}/{id}/{version}</c>: the dataflow and its structures.</summary>
public sealed class GetSdmxStructure(ApiHandlers handlers)
{
    [Function(nameof(GetSdmxStructure))]
    public async Task<IActionResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Rooted + ApiRoutes.SdmxStructure)] HttpRequest request, string type, string agency, string id, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.GetSdmxStructureAsync(request.HttpContext, type, agency, id, version, cancellationToken));
    }
}
