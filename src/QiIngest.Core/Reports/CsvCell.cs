using System.Globalization;

namespace QiIngest.Core.Reports;

/// <summary>RFC 4180 cells with two paths: text that may come from anyone, and numbers that we format ourselves.</summary>
internal static class CsvCell
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>
    /// A text cell. Text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR would be run as a formula by a
    /// spreadsheet (CSV injection), so it gets a leading <c>'</c> and is quoted; other text is quoted only when RFC 4180
    /// requires it.
    /// </summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            return Quote("'" + text);
        }

        return text.IndexOfAny(NeedsQuotes) >= 0 ? Quote(text) : text;
    }

    /// <summary>A number cell, exact and invariant; empty when null. A negative number stays a number.</summary>
    public static string Number(decimal? value) => value is decimal v ? Core.Text.Format(v) : "";

    /// <summary>A number with a fixed number of decimals, as published; empty when null.</summary>
    public static string Fixed(decimal? value, int decimals) => value is decimal v ? v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "";

    /// <summary>A whole number cell.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
