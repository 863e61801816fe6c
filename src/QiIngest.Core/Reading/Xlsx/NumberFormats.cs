namespace QiIngest.Core.Reading.Xlsx;

/// <summary>Classifies number formats, built-in ids and format codes alike, by the three rules of section 5.5.</summary>
internal static class NumberFormats
{
    /// <summary>The meaning of a built-in format id when the file does not define its own code for it.</summary>
    /// <remarks>9 and 10 are <c>0%</c> and <c>0.00%</c>; the date ranges are the form's, 50–58 being the Chinese-locale dates.</remarks>
    public static NumberFormatKind BuiltIn(long id) => id switch
    {
        9 or 10 => NumberFormatKind.Percent,
        >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58 => NumberFormatKind.Date,
        _ => NumberFormatKind.Number,
    };

    /// <summary>
    /// A format code is a date when it has <c>y</c>, <c>d</c>, <c>h</c> or <c>s</c> outside quotes, brackets and
    /// <c>\</c>-escapes (an <c>m</c> counts only next to one of them, so it never decides alone), and a percentage when
    /// it has <c>%</c> outside quotes and brackets.
    /// </summary>
    public static NumberFormatKind Classify(ReadOnlySpan<char> code)
    {
        var percent = false;
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    var close = code[(i + 1)..].IndexOf('"');
                    i = close < 0 ? code.Length : i + 1 + close;
                    break;
                case '[':
                    var end = code[(i + 1)..].IndexOf(']');
                    i = end < 0 ? code.Length : i + 1 + end;
                    break;
                case '\\':
                    // The escaped character is shown as it is; a '%' stays a '%' (the rule names only quotes and brackets).
                    if (i + 1 < code.Length && code[i + 1] == '%')
                    {
                        percent = true;
                    }

                    i++;
                    break;
                case '%':
                    percent = true;
                    break;
                case 'y' or 'Y' or 'd' or 'D' or 'h' or 'H' or 's' or 'S':
                    return NumberFormatKind.Date;
            }
        }

        return percent ? NumberFormatKind.Percent : NumberFormatKind.Number;
    }
}
