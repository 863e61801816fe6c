using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QiIngest.Api.Auth;
using QiIngest.Core.Catalog;
using QiIngest.Storage;

namespace QiIngest.Api.Portal;

/// <summary>
/// Serves the portal, host-neutral like <see cref="ApiHandlers"/>: <c>/</c> (index.html), <c>/portal/{asset}</c> and
/// <c>/portal/config.json</c> (how to sign in). Every answer carries a Content-Security-Policy that lets the page load
/// its own files only, talk to this host, the storage account's blob endpoint (the browser PUTs uploads there) and the
/// Entra authority (the token request of the sign-in), and be framed by nobody.
/// </summary>
public sealed class PortalHandlers
{
    /// <summary>The name of the sign-in configuration, below <c>/portal/</c>.</summary>
    public const string ConfigFile = "config.json";

    private readonly string _contentSecurityPolicy;
    private readonly byte[] _config;

    internal PortalHandlers(IOptions<PortalOptions> options, EntraOptions entra, QiStorage storage, ReporterRegistry reporters)
    {
        var development = options.Value.DevelopmentSignIn;
        var blobOrigin = Origin(storage.Blobs.Uri);
        var authorityOrigin = !development && entra.Authority is { } authority ? Origin(new Uri(authority)) : null;
        var connect = string.Join(' ', new[] { "'self'", blobOrigin, authorityOrigin }.OfType<string>().Distinct(StringComparer.Ordinal));
        _contentSecurityPolicy = $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src {connect}; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        object config = development
            ? new { signIn = "development", tokenUrl = PortalOptions.DevelopmentTokenUrl, roles = DevelopmentRoles(reporters) }
            : new { signIn = "entra", authority = entra.Authority, clientId = entra.ClientId, scope = entra.ClientId is { Length: > 0 } id ? $"api://{id}/access_as_user" : null };
        _config = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(config, ApiJson.Options);
    }

    /// <summary>The Content-Security-Policy of every portal answer.</summary>
    public string ContentSecurityPolicy => _contentSecurityPolicy;

    /// <summary><c>GET /</c>: the portal's page.</summary>
    public IResult Index(HttpContext context) => Asset(context, "index.html");

    /// <summary><c>GET /portal/{path}</c>: an asset, or the sign-in configuration; 404 for anything else.</summary>
    public IResult Asset(HttpContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = _contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (path == ConfigFile)
        {
            headers.CacheControl = "no-store";
            return Results.Bytes(_config, "application/json; charset=utf-8");
        }

        if (path is null || !PortalAssets.All.TryGetValue(path, out var asset))
        {
            return ApiProblems.NotFound(context, $"The portal has no file '{path}': open {context.Request.Scheme}://{context.Request.Host}/ to start.");
        }

        // No build step fingerprints the names, so browsers revalidate every time, cheaply, by ETag.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Bytes, asset.MediaType);
    }

    private static string[] DevelopmentRoles(ReporterRegistry reporters) =>
        [ApiRoles.National, .. reporters.Expected.Select(ApiRoles.Reporter)];

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
