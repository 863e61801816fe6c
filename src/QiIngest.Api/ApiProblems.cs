using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace QiIngest.Api;

/// <summary>The API's errors as RFC 9457 problem details (<c>application/problem+json</c>), one type URI per kind.</summary>
internal static class ApiProblems
{
    private const string TypeBase = "https://qiingest.example/problems/";

    public static IResult BadRequest(HttpContext context, string detail) => Problem(context, StatusCodes.Status400BadRequest, "bad-request", "The request is not valid", detail);

    public static IResult Unauthorized(HttpContext context, string detail, bool tokenRefused)
    {
        // RFC 6750: a refused token gets error="invalid_token"; a missing one only the scheme.
        context.Response.Headers.WWWAuthenticate = tokenRefused ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Problem(context, StatusCodes.Status401Unauthorized, "unauthorized", "Sign-in required", detail);
    }

    public static IResult Forbidden(HttpContext context, string detail) => Problem(context, StatusCodes.Status403Forbidden, "forbidden", "Not allowed", detail);

    public static IResult NotFound(HttpContext context, string detail) => Problem(context, StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static IResult NotAcceptable(HttpContext context, string detail) => Problem(context, StatusCodes.Status406NotAcceptable, "not-acceptable", "No acceptable representation", detail);

    public static IResult Unavailable(HttpContext context, string detail) => Problem(context, StatusCodes.Status503ServiceUnavailable, "unavailable", "Storage is not reachable", detail);

    private static IResult Problem(HttpContext context, int status, string kind, string title, string detail) => Results.Problem(new ProblemDetails
    {
        Type = TypeBase + kind,
        Title = title,
        Status = status,
        Detail = detail,
        Instance = context.Request.Path + context.Request.QueryString,
    });
}
