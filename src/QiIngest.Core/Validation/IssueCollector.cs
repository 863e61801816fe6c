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
    private int _acrossRowErrors;

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
            if (IsAcrossRows(issue.Type))
            {
                _acrossRowErrors++;
            }

            if (_errors.Count < MaxListed)
            {
                _errors.Add(issue);
            }
        }
    }

    /// <summary>
    /// Forgets the errors of the checks across rows (<c>duplicate-row</c>, <c>row-constraint</c>): after reading stopped
    /// part-way they are not run (section 9), and what was found of them up to there is left out too.
    /// </summary>
    internal void DiscardAcrossRows()
    {
        _errors.RemoveAll(e => IsAcrossRows(e.Type));
        ErrorCount -= _acrossRowErrors;
        _acrossRowErrors = 0;
    }

    private static bool IsAcrossRows(string type) => type is IssueType.DuplicateRow or IssueType.RowConstraint;
}
