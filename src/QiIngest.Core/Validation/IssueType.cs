namespace QiIngest.Core.Validation;

/// <summary>The error and warning types of section 8 of the reporting form, with their wire names.</summary>
public static class IssueType
{
    /// <summary>The path (or the offline --reporter/--period) does not fit section 4.</summary>
    public const string PathError = "path-error";
    /// <summary>The bytes cannot be decoded.</summary>
    public const string EncodingError = "encoding-error";
    /// <summary>Not a CSV/XLSX/JSON of the layouts; no header; empty; no observations.</summary>
    public const string FormatError = "format-error";
    /// <summary>The content names another reporter than the path.</summary>
    public const string ReporterMismatch = "reporter-mismatch";
    /// <summary>The content names another period than the path.</summary>
    public const string PeriodMismatch = "period-mismatch";
    /// <summary>An indicator the catalog does not know.</summary>
    public const string UnknownIndicator = "unknown-indicator";
    /// <summary>A national-only indicator from a province, or a province indicator from 100000.</summary>
    public const string WrongReporter = "wrong-reporter";
    /// <summary>A value that is not a number.</summary>
    public const string TypeError = "type-error";
    /// <summary>A unit that does not fit the indicator.</summary>
    public const string UnitError = "unit-error";
    /// <summary>An approximate value such as 约 or 余.</summary>
    public const string ApproximateValue = "approximate-value";
    /// <summary>Negative, fractional count, rate outside 0..100, rate with regions.</summary>
    public const string ConstraintError = "constraint-error";
    /// <summary>The same indicator and region twice.</summary>
    public const string DuplicateRow = "duplicate-row";
    /// <summary>Private institutions above all institutions.</summary>
    public const string RowConstraint = "row-constraint";
    /// <summary>A limit of section 7.</summary>
    public const string LimitExceeded = "limit-exceeded";
    /// <summary>Warning: a missing value.</summary>
    public const string MissingCell = "missing-cell";
    /// <summary>Warning: an unknown extra column.</summary>
    public const string ExtraLabel = "extra-label";
    /// <summary>Warning: the total row differs from the sum of the regions.</summary>
    public const string TotalMismatch = "total-mismatch";
    /// <summary>Warning: a change of more than ±50% against the previous period.</summary>
    public const string YoyOutlier = "yoy-outlier";
    /// <summary>Warning: an expected indicator is absent.</summary>
    public const string MissingIndicator = "missing-indicator";
    /// <summary>Warning: a row with neither indicator nor value but other cells filled, skipped (section 5.1).</summary>
    public const string SkippedRow = "skipped-row";

    /// <summary>Whether an issue of this type is a warning (the file is still accepted).</summary>
    public static bool IsWarning(string type) => type is MissingCell or ExtraLabel or TotalMismatch or YoyOutlier or MissingIndicator or SkippedRow;
}
