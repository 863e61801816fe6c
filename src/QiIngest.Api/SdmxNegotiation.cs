using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using QiIngest.Core.Sdmx;

namespace QiIngest.Api;

/// <summary>Chooses an SDMX representation from the <c>Accept</c> header, by quality then order; SDMX-ML when anything goes.</summary>
internal static class SdmxNegotiation
{
    /// <summary>The data media type to answer, or null when the client accepts none of them.</summary>
    public static string? Data(StringValues accept)
    {
        foreach (var type in Ordered(accept))
        {
            var media = type.MediaType.Value?.ToLowerInvariant();
            var version = type.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase))?.Value.Value?.Trim('"');
            switch (media)
            {
                case "application/vnd.sdmx.data+csv" when version is null or "2.0.0" or "2.0":
                case "text/csv":
                    return SdmxCsvData.MediaType;
                case "application/vnd.sdmx.structurespecificdata+xml" when version is null or "2.1":
                case "application/xml" or "text/xml" or "application/*" or "*/*":
                    return SdmxMlData.MediaType;
            }
        }

        return null;
    }

    /// <summary>Whether the client accepts the structure message.</summary>
    public static bool Structure(StringValues accept) =>
        Ordered(accept).Any(t => t.MediaType.Value?.ToLowerInvariant() is "application/vnd.sdmx.structure+xml" or "application/xml" or "text/xml" or "application/*" or "*/*");

    private static IEnumerable<MediaTypeHeaderValue> Ordered(StringValues accept) =>
        StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var types)
            ? [new MediaTypeHeaderValue("*/*")]
            : types.Where(t => (t.Quality ?? 1) > 0).OrderByDescending(t => t.Quality ?? 1);
}
