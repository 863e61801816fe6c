using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using QiIngest.Core.Catalog;

namespace QiIngest.Api.Auth;

/// <summary>
/// Turns a request into its <see cref="ApiCaller"/>: no <c>Authorization</c> header is anonymous; a bearer token is
/// validated by the JwtBearer handler (signature against the tenant's keys, issuer, audience, lifetime) and its app
/// roles read; a token that fails is a 401, whatever the endpoint, so that a client never mistakes a broken sign-in
/// for anonymous access.
/// </summary>
internal sealed class CallerAuthentication(ReporterRegistry reporters)
{
    /// <summary>The caller, or the reason its token was refused.</summary>
    public async Task<(ApiCaller? Caller, string? Refusal)> AuthenticateAsync(HttpContext context)
    {
        if (!context.Request.Headers.Authorization.Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            return (ApiCaller.Anonymous, null);
        }

        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
        {
            return (null, Describe(result.Failure));
        }

        var roles = principal.FindAll(ApiRoles.Claim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var reporterCodes = roles.Where(r => r.StartsWith(ApiRoles.ReporterPrefix, StringComparison.Ordinal))
            .Select(r => r[ApiRoles.ReporterPrefix.Length..])
            .Where(code => code == ReporterRegistry.NationalCode || reporters.FindProvince(code) is not null)
            .ToList();
        var name = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst("name")?.Value ?? principal.FindFirst("oid")?.Value ?? "signed-in user";
        return (new ApiCaller(true, roles.Contains(ApiRoles.National), reporterCodes.Count == 1 ? reporterCodes[0] : null, reporterCodes.Count, name), null);
    }

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "The bearer token has expired: sign in again.",
        SecurityTokenInvalidAudienceException => "The bearer token is for another application (its audience is not this API): request a token for this API's scope.",
        SecurityTokenInvalidIssuerException => "The bearer token was issued by another tenant or authority: sign in with your organisation's account.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet: check the clock of the signing-in device.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The bearer token's signature is not valid: sign in again to get a token from Microsoft Entra ID.",
        null => "The Authorization header is not a bearer token: send 'Authorization: Bearer {access token}'.",
        _ => "The bearer token is not valid: sign in again.",
    };
}
