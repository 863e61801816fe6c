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

    /// <summary>Whether the next error would be listed: worth the cost of a "did you mean" only then.</summary>
    internal bool ListsNextError => _errors.Count < MaxListed;

    /// <summary>Whether the next warning would be listed.</summary>
    internal bool ListsNextWarning => _warnings.Count < MaxListed;

    /// <summary>
    /// For a worksheet: the cell address (<c>D6</c>) of a row and header text, null when they name no cell of the row being
    /// read. A listed issue at a cell gets its address in its messages (<see cref="Reading.CellLocation"/>).
    /// </summary>
    internal Func<int, string, string?>? CellAddress { get; set; }

    /// <summary>Records an issue.</summary>
    public void Add(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (CellAddress is not null && issue is { Row: int row, Column: string column } && (issue.IsWarning ? ListsNextWarning : ListsNextError)
            && CellAddress(row, column) is { } address)
        {
            issue = Reading.CellLocation.Prefix(issue, address);
        }

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
