using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QiIngest.Api.Auth;
using QiIngest.Api.Portal;
using QiIngest.Core.Catalog;

namespace QiIngest.LocalHost;

/// <summary>
/// Sign-in without Entra ID, for the portal on this machine only: <c>POST /dev/token</c> with <c>{ "role": "Reporter.110000" }</c>
/// (or <c>National</c>) answers a bearer token with that one role, signed by an RSA key made when the host starts and
/// trusted by this host's JwtBearer scheme alone (issuer <c>{host address}/dev</c>, audience <see cref="Audience"/>).
/// The local host turns it on when it serves HTTP and <see cref="Setting"/> is true; the Functions app never has it.
/// </summary>
public static class DevelopmentSignIn
{
    /// <summary>The local host's setting that turns development sign-in on (<c>qi demo --keep-running</c>, the portal tests).</summary>
    public const string Setting = "QiIngest:LocalHost:DevelopmentSignIn";

    /// <summary>The portal's option: its <c>config.json</c> offers development sign-in when true. Only the local host sets it.</summary>
    public const string PortalOption = PortalOptions.Section + ":" + nameof(PortalOptions.DevelopmentSignIn);

    /// <summary>Where tokens are issued: where the portal's <c>config.json</c> sends it.</summary>
    public const string TokenPath = PortalOptions.DevelopmentTokenUrl;

    /// <summary>The audience of every development token.</summary>
    public const string Audience = "qiingest-local";

    /// <summary>How long a development token is valid: a working day.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>Whether <see cref="Setting"/> is true in <paramref name="value"/> (the setting's text).</summary>
    internal static bool IsOn(string? value) => bool.TryParse(value, out var on) && on;

    /// <summary>The issuer and its key, and the JwtBearer scheme post-configured to trust them besides Entra ID.</summary>
    internal static IServiceCollection AddDevelopmentSignIn(this IServiceCollection services)
    {
        services.AddSingleton<DevelopmentTokenIssuer>();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, TrustDevelopmentTokens>();
        return services;
    }

    /// <summary>Maps <c>POST /dev/token</c>.</summary>
    internal static IEndpointRouteBuilder MapDevelopmentSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenPath, async (HttpContext context, DevelopmentTokenIssuer issuer) =>
        {
            TokenRequest? request;
            try
            {
                request = await context.Request.ReadFromJsonAsync<TokenRequest>(context.RequestAborted);
            }
            catch (System.Text.Json.JsonException)
            {
                request = null;
            }

            return issuer.Issue(request?.Role) is { } token
                ? Results.Json(token)
                : Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Unknown role",
                    detail: $"Send {{ \"role\": \"National\" }} or {{ \"role\": \"Reporter.{{code}}\" }} with a reporter's code (for example Reporter.110000), not '{request?.Role}'.");
        });
        return endpoints;
    }

    private sealed record TokenRequest([property: JsonPropertyName("role")] string? Role);

    /// <summary>Adds the development issuer, audience and key to what the scheme accepts; Entra ID tokens stay valid.</summary>
    private sealed class TrustDevelopmentTokens(DevelopmentTokenIssuer issuer) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme)
            {
                return;
            }

            var parameters = options.TokenValidationParameters;
            parameters.ValidAudiences = [.. parameters.ValidAudiences ?? [], Audience];
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], issuer.Key];

            // Kestrel's address (port 0 picks one) is known only once it listens, so the issuer is compared when a token comes.
            // Other tokens get the default check (Entra ID's issuer), on a copy without this validator, which it would call back.
            parameters.IssuerValidator = (tokenIssuer, token, validation) =>
            {
                if (tokenIssuer == issuer.Issuer)
                {
                    return tokenIssuer;
                }

                var entra = validation.Clone();
                entra.IssuerValidator = null;
                return Validators.ValidateIssuer(tokenIssuer, token, entra);
            };
        }
    }
}

/// <summary>Mints the development tokens of <see cref="DevelopmentSignIn"/> with a key that lives as long as the host.</summary>
internal sealed class DevelopmentTokenIssuer(IServer server, ReporterRegistry reporters, TimeProvider clock) : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private RsaSecurityKey? _key;

    public RsaSecurityKey Key => _key ??= new RsaSecurityKey(_rsa) { KeyId = "qiingest-local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) };

    /// <summary><c>{the first address Kestrel listens on}/dev</c>.</summary>
    public string Issuer =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address ? address.TrimEnd('/') : "http://localhost") + "/dev";

    /// <summary>A token for <paramref name="role"/>, or null when it is not <c>National</c> or a known reporter's role.</summary>
    public DevelopmentToken? Issue(string? role)
    {
        var reporter = role is not null && role.StartsWith(ApiRoles.ReporterPrefix, StringComparison.Ordinal) ? role[ApiRoles.ReporterPrefix.Length..] : null;
        var known = role == ApiRoles.National
            || (reporter is not null && (reporter == ReporterRegistry.NationalCode || reporters.FindProvince(reporter) is not null));
        if (!known)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var expires = now + DevelopmentSignIn.Lifetime;
        var user = reporter is null ? "national" : $"reporter-{reporter}";
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = DevelopmentSignIn.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                [ApiRoles.Claim] = new[] { role! },
                ["preferred_username"] = $"{user}@localhost",
                ["name"] = $"{role} (development sign-in)",
            },
        });
        return new DevelopmentToken(token, expires);
    }

    public void Dispose() => _rsa.Dispose();
}

/// <summary>The answer of <c>POST /dev/token</c>.</summary>
internal sealed record DevelopmentToken(
    [property: JsonPropertyName("accessToken")] string AccessToken,
    [property: JsonPropertyName("expiresOn")] DateTimeOffset ExpiresOn);
