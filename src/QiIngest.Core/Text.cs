using System.Globalization;
using System.Text;

namespace QiIngest.Core;

/// <summary>The text normalisation every name and cell goes through (section 6: NFKC first, then trim).</summary>
public static class Text
{
    /// <summary>NFKC, then trim; null stays null.</summary>
    public static string? Normalise(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var normalised = IsNfkcStable(text) ? text : text.Normalize(NormalizationForm.FormKC);
        return normalised.Trim();
    }

    /// <summary>NFKC, then trim, without copying the text when NFKC cannot change it (the common case).</summary>
    internal static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> text) =>
        Trim(IsNfkcStable(text) ? text : text.ToString().Normalize(NormalizationForm.FormKC));

    /// <summary>
    /// <see cref="Normalise(ReadOnlySpan{char})"/>, and whether the result is its own <see cref="Key"/>: one pass over
    /// the characters when NFKC cannot change them (the common case), instead of one for each question.
    /// </summary>
    internal static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> text, out bool isKey)
    {
        isKey = true;
        var sawSpace = false;
        foreach (var c in text)
        {
            if (c is (> ' ' and <= '~' and not (>= 'A' and <= 'Z')) or (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF'))
            {
                continue;
            }

            if (c == ' ')
            {
                sawSpace = true;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                isKey = false;
            }
            else
            {
                var normalised = Normalise(text);
                isKey = IsKey(normalised);
                return normalised;
            }
        }

        var trimmed = Trim(text);
        isKey &= !sawSpace || !trimmed.Contains(' ');
        return trimmed;
    }

    /// <summary>Trims white space (as <see cref="string.Trim()"/> does).</summary>
    internal static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>True when the text is empty or white space only.</summary>
    internal static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><see cref="char.IsWhiteSpace(char)"/> without its Unicode table for CJK text: no white space lies above U+3000.</summary>
    internal static bool IsSpace(char c) => c <= '\u3000' && char.IsWhiteSpace(c);

    /// <summary>The key under which names are compared: NFKC, trimmed, inner whitespace collapsed, lower case.</summary>
    public static string Key(string text)
    {
        var normalised = Normalise(text)!;
        if (IsKey(normalised))
        {
            return normalised;
        }

        var builder = new StringBuilder(normalised.Length);
        var lastWasSpace = false;
        foreach (var c in normalised)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
                lastWasSpace = false;
            }
        }

        return builder.ToString();
    }

    /// <summary>The same value without trailing zeros of scale: 45214000000.00 becomes 45214000000.</summary>
    public static decimal Canonical(decimal value) => value.Scale == 0 ? value : value / 1.000000000000000000000000000000000m;

    /// <summary>Formats a canonical value the way receipts and tables carry it: invariant, no exponent, no trailing zeros.</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>
    /// True when NFKC cannot change the text: printable ASCII and CJK unified ideographs only. Most cells are such, and
    /// this check is far cheaper than asking ICU.
    /// </summary>
    private static bool IsNfkcStable(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAnyExceptInRange(' ', '~'))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (c is (< ' ' or > '~') and not (>= '\u4E00' and <= '\u9FFF') and not (>= '\u3400' and <= '\u4DBF'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <see cref="Key"/> would return the (normalised) text unchanged: no upper case, no whitespace.</summary>
    internal static bool IsKey(ReadOnlySpan<char> normalised)
    {
        foreach (var c in normalised)
        {
            if (c is (<= ' ' or > '~' or (>= 'A' and <= 'Z')) and not (>= '\u4E00' and <= '\u9FFF') and not (>= '\u3400' and <= '\u4DBF'))
            {
                return false;
            }
        }

        return true;
    }
}
