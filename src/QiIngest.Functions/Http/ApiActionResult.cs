using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace QiIngest.Functions.Http;

/// <summary>The handlers' <see cref="IResult"/> as the <see cref="IActionResult"/> the Functions ASP.NET Core integration writes.</summary>
internal sealed class ApiActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return result.ExecuteAsync(context.HttpContext);
    }
}
