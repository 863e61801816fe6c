using Microsoft.Extensions.Configuration;

namespace QiIngest.LocalHost;

/// <summary>
/// The Functions app's <c>host.json</c> (embedded from <c>src/QiIngest.Functions</c>), so that the blob trigger's
/// concurrency and tries are written once: its <c>extensions</c> section becomes the WebJobs SDK's
/// <c>AzureWebJobs:Extensions</c> settings here, as the Functions host reads it there.
/// </summary>
internal static class FunctionsHostJson
{
    private const string ResourceName = "QiIngest.Functions.host.json";

    /// <summary>The <c>extensions</c> settings as <c>AzureWebJobs:Extensions:{extension}:{setting}</c> keys (case does not matter to configuration).</summary>
    public static IReadOnlyDictionary<string, string?> ExtensionSettings { get; } = Read();

    private static Dictionary<string, string?> Read()
    {
        using var stream = typeof(FunctionsHostJson).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded {ResourceName} is missing from {typeof(FunctionsHostJson).Assembly.GetName().Name}.");
        var extensions = new ConfigurationBuilder().AddJsonStream(stream).Build().GetSection("extensions");
        return extensions.AsEnumerable(makePathsRelative: true)
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => "AzureWebJobs:Extensions:" + setting.Key, setting => setting.Value, StringComparer.OrdinalIgnoreCase);
    }
}
