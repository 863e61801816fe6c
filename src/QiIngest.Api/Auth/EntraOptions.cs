namespace QiIngest.Api.Auth;

/// <summary>
/// The Entra ID app registration whose access tokens the API accepts, bound from <c>AzureAd</c> (the section name
/// Microsoft's templates use): tokens must be issued by <c>{Instance}{TenantId}/v2.0</c>, for the audience
/// <c>ClientId</c> or <c>api://{ClientId}</c> (or <c>Audience</c>). Without a tenant, no token is valid and the API
/// serves anonymous callers only.
/// </summary>
public sealed class EntraOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AzureAd";

    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A further accepted audience (an Application ID URI other than <c>api://{ClientId}</c>).</summary>
    public string? Audience { get; set; }

    /// <summary>The v2.0 authority, or null without a tenant.</summary>
    public string? Authority => string.IsNullOrWhiteSpace(TenantId) ? null : $"{Instance.TrimEnd('/')}/{TenantId}/v2.0";

    /// <summary>The audiences a token may name.</summary>
    public IReadOnlyList<string> Audiences => [.. new[] { ClientId, ClientId is null ? null : "api://" + ClientId, Audience }.OfType<string>().Where(a => a.Length > 0).Distinct(StringComparer.Ordinal)];
}
