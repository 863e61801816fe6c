using System.Security.Cryptography;
using System.Text;

namespace QiIngest.Storage.Tables;

/// <summary>
/// Deterministic table keys. Forbidden key characters (<c>/ \ # ?</c>, control characters) and '%' are percent-encoded,
/// so distinct names stay distinct; very long names are hashed to keep keys far below the 1 KiB limit.
/// </summary>
internal static class TableKeys
{
    private const int MaxEncodedLength = 200;

    /// <summary>The ledger partition of one (reporter, period).</summary>
    public static string Submission(string reporter, string period) => $"{Escape(reporter)}-{Escape(period)}";

    /// <summary>The row key of a version in the ledger.</summary>
    public static string Version(int version) => $"v{version:D6}";

    /// <summary>The row key that dedupes a file by its bytes.</summary>
    public static string Sha(string sha256) => $"sha-{sha256}";

    /// <summary>The row key of the staging marker of a file, written before its rows are staged and removed on commit or discard.</summary>
    public static string Staging(string sha256) => $"{StagingPrefix}{sha256}";

    /// <summary>What every staging marker's row key starts with.</summary>
    public const string StagingPrefix = "stage-";

    /// <summary>The prefix of the observations partitions of one file: content-addressed, so a retry writes the same rows.</summary>
    public static string Data(string reporter, string period, string sha256) => $"{Escape(reporter)}-{Escape(period)}-{sha256[..32]}";

    /// <summary>The <paramref name="index"/>-th observations partition under <paramref name="prefix"/>.</summary>
    public static string DataPartition(string prefix, int index) => $"{prefix}-{index:D4}";

    /// <summary>A filter for every observations partition under <paramref name="prefix"/> ('-' sorts before '.').</summary>
    public static string DataFilter(string prefix) => Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey ge {prefix + "-"} and PartitionKey lt {prefix + "."}");

    /// <summary>The row key of one observation: its indicator and its region (t = total, c = code, n = name).</summary>
    public static string Observation(string indicator, string? regionCode, string? regionName) =>
        regionCode is not null ? $"{indicator}~c{regionCode}"
        : regionName is not null ? $"{indicator}~n{Escape(QiIngest.Core.Text.Key(regionName))}"
        : $"{indicator}~t";

    /// <summary>Percent-encodes what a key may not hold; hashes what would be too long.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Length <= MaxEncodedLength ? builder.ToString() : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
