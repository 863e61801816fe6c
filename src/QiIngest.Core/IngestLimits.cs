namespace QiIngest.Core;

/// <summary>
/// The limits of section 7 of the reporting form. Past any of them a return is rejected with <c>limit-exceeded</c>.
/// Bound from the configuration section <see cref="Section"/> as it is: the binder sets its <c>init</c> properties.
/// </summary>
public sealed record IngestLimits
{
    /// <summary>The configuration section the limits are bound from.</summary>
    public const string Section = "QiIngest:Limits";

    /// <summary>The defaults of the reporting form.</summary>
    public static IngestLimits Default { get; } = new();

    /// <summary>Largest accepted file, in bytes (100 MiB).</summary>
    public long MaxFileBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Most data rows (CSV/XLSX rows below the header, JSON observations).</summary>
    public int MaxDataRows { get; init; } = 1_000_000;

    /// <summary>Most bytes all parts of an XLSX may decompress to (256 MiB).</summary>
    public long MaxXlsxUncompressedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most entries in an XLSX zip archive.</summary>
    public int MaxXlsxEntries { get; init; } = 10_000;

    /// <summary>Deepest JSON nesting; the top-level value is depth 1.</summary>
    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>Every problem with these limits, all at once; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFileBytes <= 0) { errors.Add($"{nameof(MaxFileBytes)} must be positive, not {MaxFileBytes}."); }
        if (MaxDataRows <= 0) { errors.Add($"{nameof(MaxDataRows)} must be positive, not {MaxDataRows}."); }
        if (MaxXlsxUncompressedBytes <= 0) { errors.Add($"{nameof(MaxXlsxUncompressedBytes)} must be positive, not {MaxXlsxUncompressedBytes}."); }
        if (MaxXlsxEntries <= 0) { errors.Add($"{nameof(MaxXlsxEntries)} must be positive, not {MaxXlsxEntries}."); }
        if (MaxJsonDepth < 3) { errors.Add($"{nameof(MaxJsonDepth)} must be at least 3 (a return is nested 3 deep), not {MaxJsonDepth}."); }
        return errors;
    }
}
