using QiIngest.Core.Validation;

namespace QiIngest.Core;

/// <summary>What checking one return found: the outcome, the province totals, and every issue.</summary>
public sealed record CheckResult
{
    /// <summary>The reporter code (resolved), or the path's text when the path is in error.</summary>
    public required string Reporter { get; init; }

    /// <summary>The period, or the path's text when the path is in error.</summary>
    public required string Period { get; init; }

    /// <summary>The file name.</summary>
    public required string File { get; init; }

    /// <summary>One of <see cref="Core.Outcome"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Indicator code → the province (or national) value in the canonical unit; null when missing. Empty when rejected.</summary>
    public required IReadOnlyDictionary<string, decimal?> Totals { get; init; }

    /// <summary>The errors (at most <see cref="IssueCollector.MaxListed"/>).</summary>
    public required IReadOnlyList<Issue> Errors { get; init; }

    /// <summary>The warnings (at most <see cref="IssueCollector.MaxListed"/>).</summary>
    public required IReadOnlyList<Issue> Warnings { get; init; }

    /// <summary>All errors, including those not listed.</summary>
    public required int ErrorCount { get; init; }

    /// <summary>All warnings, including those not listed.</summary>
    public required int WarningCount { get; init; }

    /// <summary>How many observations (total and region rows) the return holds.</summary>
    public required int ObservationCount { get; init; }

    /// <summary>Whether the file's bytes were read; false for a path error or a file over the size limit (its receipt has no sha256).</summary>
    public bool FileWasRead { get; init; } = true;

    /// <summary>Whether the return is accepted (with or without warnings).</summary>
    public bool IsAccepted => Outcome != Core.Outcome.Rejected;

    /// <summary>A rejected result for a return that could not be placed or read at all.</summary>
    public static CheckResult Rejected(string reporter, string period, string file, IReadOnlyList<Issue> errors) => new()
    {
        Reporter = reporter,
        Period = period,
        File = file,
        Outcome = Core.Outcome.Rejected,
        Totals = new Dictionary<string, decimal?>(),
        Errors = errors,
        Warnings = [],
        ErrorCount = errors.Count,
        WarningCount = 0,
        ObservationCount = 0,
        FileWasRead = false,
    };
}
