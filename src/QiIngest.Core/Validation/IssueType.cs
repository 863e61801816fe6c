namespace QiIngest.Core.Validation;

/// <summary>The error and warning types of section 8 of the reporting form, with their wire names.</summary>
public static class IssueType
{
    public const string PathError = "path-error";
    public const string EncodingError = "encoding-error";
    public const string FormatError = "format-error";
    public const string ReporterMismatch = "reporter-mismatch";
    public const string PeriodMismatch = "period-mismatch";
    public const string UnknownIndicator = "unknown-indicator";
    public const string WrongReporter = "wrong-reporter";
    public const string TypeError = "type-error";
    public const string UnitError = "unit-error";
    public const string ApproximateValue = "approximate-value";
    public const string ConstraintError = "constraint-error";
    public const string DuplicateRow = "duplicate-row";
    public const string RowConstraint = "row-constraint";
    public const string LimitExceeded = "limit-exceeded";
    public const string MissingCell = "missing-cell";
    public const string ExtraLabel = "extra-label";
    public const string TotalMismatch = "total-mismatch";
    public const string YoyOutlier = "yoy-outlier";
    public const string MissingIndicator = "missing-indicator";

    /// <summary>Whether an issue of this type is a warning (the file is still accepted).</summary>
    public static bool IsWarning(string type) => type is MissingCell or ExtraLabel or TotalMismatch or YoyOutlier or MissingIndicator;
}
