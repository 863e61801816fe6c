using nietras.SeparatedValues;

namespace QiIngest.Core.Catalog;

/// <summary>Reads the small reference tables embedded in this assembly.</summary>
internal static class EmbeddedCsv
{
    public static IEnumerable<IReadOnlyDictionary<string, string>> Read(string resourceName)
    {
        using var stream = typeof(EmbeddedCsv).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The resource {resourceName} is missing from the build.");
        using var reader = Sep.Reader(o => o with { Unescape = true }).From(stream);
        var names = reader.Header.ColNames;
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                values[names[i]] = row[i].ToString();
            }

            yield return values;
        }
    }
}
