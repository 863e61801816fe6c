namespace QiIngest.Core.Normalising;

/// <summary>The outcome of reading one value cell: a canonical value, a missing value, or an error.</summary>
/// <param name="Value">The value in the indicator's canonical unit; null when missing or in error.</param>
/// <param name="IsMissing">True for an empty cell or a missing marker.</param>
/// <param name="ErrorType">The issue type when the cell is in error.</param>
/// <param name="ErrorMessage">What is wrong and what to do.</param>
public readonly record struct CellValue(decimal? Value, bool IsMissing, string? ErrorType, string? ErrorMessage)
{
    /// <summary>A missing value (recorded as missing, never as zero).</summary>
    public static CellValue Missing { get; } = new(null, true, null, null);

    /// <summary>The error message in Chinese.</summary>
    public string? ErrorMessageZh { get; init; }

    /// <summary>Whether the cell is in error.</summary>
    public bool IsError => ErrorType is not null;

    /// <summary>A value, without trailing zeros of scale (452.14亿 is 45214000000, not 45214000000.00).</summary>
    internal static CellValue Of(decimal value) => new(Text.Canonical(value), false, null, null);

    internal static CellValue Error(string type, string message, string messageZh) => new(null, false, type, message) { ErrorMessageZh = messageZh };
}
