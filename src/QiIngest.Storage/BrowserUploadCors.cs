using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace QiIngest.Storage;

/// <summary>
/// The blob service's CORS rule that lets the portal's page PUT a file to its upload grant (a SAS URL on the storage
/// account, another origin than the page's). In Azure the Bicep sets the same rule (<c>infra/modules/storage.bicep</c>);
/// locally the local host sets it on Azurite when it serves the portal.
/// </summary>
public static class BrowserUploadCors
{
    /// <summary>The methods: the PUT of the file and the browser's preflight.</summary>
    public const string AllowedMethods = "PUT,OPTIONS";

    /// <summary>The request headers the page sends: <c>x-ms-blob-type</c> and any other <c>x-ms-*</c>, and <c>content-type</c>.</summary>
    public const string AllowedHeaders = "x-ms-blob-type,x-ms-*,content-type";

    /// <summary>The response headers the page may read (the request id and error code of a failed PUT).</summary>
    public const string ExposedHeaders = "x-ms-*";

    /// <summary>How long a browser may cache the preflight, in seconds.</summary>
    public const int MaxAgeInSeconds = 3600;

    /// <summary>How many origins the rule keeps: each new origin goes first, the oldest beyond this go (Azurite is shared by local hosts on changing ports).</summary>
    public const int MaxOrigins = 16;

    /// <summary>
    /// Adds <paramref name="origins"/> to the blob service's upload rule (creating it if missing) and keeps every other
    /// rule and service property as it is. Idempotent: when the origins are already first in the rule, nothing is written.
    /// </summary>
    public static async Task AllowOriginsAsync(BlobServiceClient blobs, IEnumerable<string> origins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(origins);
        var wanted = origins.Select(o => o.TrimEnd('/')).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        BlobServiceProperties properties = await blobs.GetPropertiesAsync(cancellationToken);
        var rules = properties.Cors ?? [];
        var rule = rules.FirstOrDefault(IsUploadRule);
        var existing = rule?.AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var merged = wanted.Concat(existing.Where(o => !wanted.Contains(o, StringComparer.OrdinalIgnoreCase))).Take(MaxOrigins).ToList();
        if (rule is not null && existing.Take(wanted.Count).SequenceEqual(wanted, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var updated = new List<BlobCorsRule>(rules.Where(r => !IsUploadRule(r)))
        {
            new()
            {
                AllowedOrigins = string.Join(',', merged),
                AllowedMethods = AllowedMethods,
                AllowedHeaders = AllowedHeaders,
                ExposedHeaders = ExposedHeaders,
                MaxAgeInSeconds = MaxAgeInSeconds,
            },
        };

        // The properties as read, with the rules replaced: a new BlobServiceProperties would send default logging and
        // metrics settings (with an empty version, which Azurite refuses) over the account's own.
        properties.Cors = updated;
        await blobs.SetPropertiesAsync(properties, cancellationToken);
    }

    private static bool IsUploadRule(BlobCorsRule rule) =>
        string.Equals(rule.AllowedMethods, AllowedMethods, StringComparison.OrdinalIgnoreCase)
        && string.Equals(rule.AllowedHeaders, AllowedHeaders, StringComparison.OrdinalIgnoreCase);
}
