using System.Text.Json.Serialization;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Receipts;

/// <summary>The receipt of section 9 that every upload gets, accepted or not.</summary>
public sealed record Receipt
{
    /// <summary>The reporter code (or the path's text when the path is in error).</summary>
    [JsonPropertyName("reporter")]
    public required string Reporter { get; init; }

    /// <summary>The period.</summary>
    [JsonPropertyName("period")]
    public required string Period { get; init; }

    /// <summary>The file name.</summary>
    [JsonPropertyName("file")]
    public required string File { get; init; }

    /// <summary>Where the upload was, within the uploads container; null offline.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex; null when the file was not read (over the size limit, or a path error).</summary>
    [JsonPropertyName("sha256")]
    public required string? Sha256 { get; init; }

    /// <summary>accepted, accepted-with-warnings or rejected.</summary>
    [JsonPropertyName("outcome")]
    public required string Outcome { get; init; }

    /// <summary>Indicator → province value in the canonical unit; null when missing.</summary>
    [JsonPropertyName("totals")]
    public required IReadOnlyDictionary<string, decimal?> Totals { get; init; }

    /// <summary>The errors (the first <see cref="IssueCollector.MaxListed"/>).</summary>
    [JsonPropertyName("errors")]
    public required IReadOnlyList<Issue> Errors { get; init; }

    /// <summary>The warnings (the first <see cref="IssueCollector.MaxListed"/>).</summary>
    [JsonPropertyName("warnings")]
    public required IReadOnlyList<Issue> Warnings { get; init; }

    /// <summary>How many errors there were in all.</summary>
    [JsonPropertyName("errorCount")]
    public required int ErrorCount { get; init; }

    /// <summary>How many warnings there were in all.</summary>
    [JsonPropertyName("warningCount")]
    public required int WarningCount { get; init; }

    /// <summary>How many observations (total and region rows) were read.</summary>
    [JsonPropertyName("observations")]
    public required int Observations { get; init; }

    /// <summary>The version this upload became for (reporter, period); null when rejected or offline.</summary>
    [JsonPropertyName("version")]
    public int? Version { get; init; }

    /// <summary>The version it replaced, or null.</summary>
    [JsonPropertyName("supersedes")]
    public int? Supersedes { get; init; }

    /// <summary>
    /// The version, uploaded later than this one, that stays current: this upload committed after it and became an earlier
    /// version for audit, not the current one. Null when this upload became current (and when rejected or offline).
    /// </summary>
    [JsonPropertyName("supersededBy")]
    public int? SupersededBy { get; init; }

    /// <summary>Indicators whose value differs from the replaced version.</summary>
    [JsonPropertyName("changes")]
    public IReadOnlyList<Change> Changes { get; init; } = [];

    /// <summary>When the pipeline processed it (UTC); null offline.</summary>
    [JsonPropertyName("processedAt")]
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>The receipt of a check, before any version is assigned.</summary>
    public static Receipt From(CheckResult result, string? sha256)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new Receipt
        {
            Reporter = result.Reporter,
            Period = result.Period,
            File = result.File,
            Sha256 = sha256,
            Outcome = result.Outcome,
            Totals = result.Totals,
            Errors = result.Errors,
            Warnings = result.Warnings,
            ErrorCount = result.ErrorCount,
            WarningCount = result.WarningCount,
            Observations = result.ObservationCount,
        };
    }

    /// <summary>The indicators whose totals differ between two versions (missing counts as a value of its own).</summary>
    public static IReadOnlyList<Change> Diff(IReadOnlyDictionary<string, decimal?> before, IReadOnlyDictionary<string, decimal?> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(code => new Change(code, before.GetValueOrDefault(code), after.GetValueOrDefault(code)))
            .Where(c => c.Old != c.New || before.ContainsKey(c.Indicator) != after.ContainsKey(c.Indicator))];
    }
}
