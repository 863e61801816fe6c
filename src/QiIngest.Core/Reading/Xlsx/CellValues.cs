using System.Globalization;
using System.Text;
using System.Xml;
using static QiIngest.Core.Reading.Xlsx.SpreadsheetXml;

namespace QiIngest.Core.Reading.Xlsx;

/// <summary>The text of a cell's value: rich text runs, and numbers as Excel holds them (section 5.5).</summary>
internal static class CellValues
{
    /// <summary>Concatenates the <c>t</c> runs of an <c>si</c> or <c>is</c> element, leaving out phonetic runs (<c>rPh</c>).</summary>
    /// <remarks>Starts on the element; ends on its end tag (or on the element itself when it is empty).</remarks>
    public static string ReadRichText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        string? text = null;
        StringBuilder? runs = null;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (IsMain(reader, "t"))
            {
                var run = reader.ReadElementContentAsString();
                if (text is null)
                {
                    text = run;
                }
                else
                {
                    runs ??= new StringBuilder(text);
                    runs.Append(run);
                }
            }
            else if (IsMain(reader, "rPh"))
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        return SpreadsheetXml.DecodeEscapes(runs?.ToString() ?? text ?? string.Empty);
    }

    /// <summary>
    /// As <see cref="ReadRichText(XmlReader)"/>, into <paramref name="table"/> as its next string, through
    /// <paramref name="buffer"/> a chunk at a time, so that no run is ever held whole outside the table; held, or given
    /// back once the next string begins (<paramref name="held"/>).
    /// </summary>
    public static void ReadRichText(XmlReader reader, SharedStringTable table, char[] buffer, bool held)
    {
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (IsMain(reader, "t"))
                {
                    ReadRun(reader, table, buffer);
                }
                else if (IsMain(reader, "rPh"))
                {
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                }
            }
        }

        table.EndString(held);
    }

    /// <summary>The text of a numeric cell: Excel's 15 significant digits, as plain decimal text where <see cref="decimal"/> holds it exactly.</summary>
    public static string FormatNumber(string raw)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            // Not a number after all: pass the text on, the value parser reports it with its row and column.
            return raw.Trim();
        }

        var rounded = value.ToString("G15", CultureInfo.InvariantCulture);
        // Scale 28 is where decimal.Parse starts dropping digits (values below 1e-13), and 0 may be an underflow.
        if (decimal.TryParse(rounded, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            && exact.Scale < 28
            && (exact != 0 || value == 0))
        {
            return exact.ToString(CultureInfo.InvariantCulture);
        }

        return double.Parse(rounded, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The text of a numeric cell in a percent format: the figure is 100 times the stored fraction, in the cell's own unit
    /// %, so 0.8335 is <c>83.35%</c> (the value parser then applies the unit rules of section 6 to it).
    /// </summary>
    public static string FormatPercent(string raw)
    {
        var number = FormatNumber(raw);
        if (decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction)
            && Math.Abs(fraction) < 1e26m)
        {
            // Exact: the 15 digits are moved two places, not multiplied in binary.
            var percent = (fraction * 100).ToString(CultureInfo.InvariantCulture);
            return (percent.Contains('.', StringComparison.Ordinal) ? percent.TrimEnd('0').TrimEnd('.') : percent) + "%";
        }

        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? (value * 100).ToString("R", CultureInfo.InvariantCulture) + "%"
            : number; // not a number: the value parser reports the text
    }

    /// <summary>The <c>type-error</c> message for a value cell whose number has a date or time format.</summary>
    public static string DateFormattedMessage(ReadOnlySpan<char> value) =>
        $"'{value}' is a number in a date or time format, so Excel shows it as a date or a time: a date is not a figure. Format the cell as a number (General) and enter the figure.";

    /// <summary>The Chinese of <see cref="DateFormattedMessage"/>.</summary>
    public static string DateFormattedMessageZh(ReadOnlySpan<char> value) =>
        $"“{value}”是设成日期或时间格式的数字，Excel 会把它显示为日期或时间：日期不是统计数字。请把单元格格式设为数值（常规）后填入数字。";

    /// <summary>Appends the text of a <c>t</c> element; ends after it.</summary>
    private static void ReadRun(XmlReader reader, SharedStringTable table, char[] buffer)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int read;
                while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                {
                    table.Append(buffer.AsSpan(0, read));
                }
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }
}
