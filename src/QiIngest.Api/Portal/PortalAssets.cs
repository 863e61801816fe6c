using System.Collections.Frozen;
using System.Security.Cryptography;

namespace QiIngest.Api.Portal;

/// <summary>The portal's files, embedded in this assembly under <c>portal/</c> (see the csproj), read once with their media type and ETag.</summary>
internal static class PortalAssets
{
    private const string ResourcePrefix = "portal/";

    private static readonly FrozenDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every asset by its name (<c>portal.js</c>).</summary>
    public static FrozenDictionary<string, PortalAsset> All { get; } = Load();

    /// <summary>The page served at <c>/</c>.</summary>
    public static PortalAsset Index => All["index.html"];

    private static FrozenDictionary<string, PortalAsset> Load()
    {
        var assembly = typeof(PortalAssets).Assembly;
        var assets = new Dictionary<string, PortalAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var mediaType = MediaTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            assets[name] = new PortalAsset(name, bytes, mediaType, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>One embedded file of the portal.</summary>
internal sealed record PortalAsset(string Name, byte[] Bytes, string MediaType, string ETag);
