namespace QiIngest.Core.Rollup;

/// <summary>Everything the rollup of one period reads: the current accepted version of each reporter, this period and the previous one.</summary>
/// <param name="Period">The period rolled up.</param>
/// <param name="Current">The reporters with an accepted version of <paramref name="Period"/>.</param>
/// <param name="Previous">The reporters with an accepted version of the previous period (for like-for-like growth).</param>
public sealed record RollupInput(Period Period, IReadOnlyList<ReporterInput> Current, IReadOnlyList<ReporterInput> Previous)
{
    /// <summary>A stable fingerprint of the inputs (reporter, period, version, hash): equal fingerprints give equal figures.</summary>
    public string Fingerprint()
    {
        var text = string.Join(
            ";",
            Current.Select(i => $"{Period}:{i.Reporter}:{i.Version}:{i.Sha256}")
                .Concat(Previous.Select(i => $"{Period.Previous}:{i.Reporter}:{i.Version}:{i.Sha256}"))
                .Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
