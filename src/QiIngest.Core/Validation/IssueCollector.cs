namespace QiIngest.Core.Validation;

/// <summary>
/// Gathers the errors and warnings of one return. A hostile file can hold a million bad cells, so each list keeps the
/// first <see cref="MaxListed"/> and counts the rest.
/// </summary>
public sealed class IssueCollector
{
    /// <summary>How many errors, and separately warnings, a receipt lists.</summary>
    public const int MaxListed = 200;

    private readonly List<Issue> _errors = [];
    private readonly List<Issue> _warnings = [];

    /// <summary>Errors listed (at most <see cref="MaxListed"/>).</summary>
    public IReadOnlyList<Issue> Errors => _errors;

    /// <summary>Warnings listed (at most <see cref="MaxListed"/>).</summary>
    public IReadOnlyList<Issue> Warnings => _warnings;

    /// <summary>All errors, listed or not.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>All warnings, listed or not.</summary>
    public int WarningCount { get; private set; }

    /// <summary>Whether any error was found.</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>Records an issue.</summary>
    public void Add(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (issue.IsWarning)
        {
            WarningCount++;
            if (_warnings.Count < MaxListed)
            {
                _warnings.Add(issue);
            }
        }
        else
        {
            ErrorCount++;
            if (_errors.Count < MaxListed)
            {
                _errors.Add(issue);
            }
        }
    }
}
