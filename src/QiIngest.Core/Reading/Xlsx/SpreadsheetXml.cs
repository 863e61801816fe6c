using System.Globalization;
using System.Xml;
using static System.FormattableString;

namespace QiIngest.Core.Reading.Xlsx;

/// <summary>What every XML part of a workbook shares: the namespaces, the reader settings (no DTD), cell references.</summary>
internal static class SpreadsheetXml
{
    public const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string StrictMainNs = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    public const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public const string StrictRelationshipsNs = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    public const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    public const int MaxColumns = 16_384; // A..XFD
    public const int MaxSheetRows = 1_048_576;
    private const long MiB = 1024 * 1024;

    public static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    public static ReturnReadException PartError(string part, Exception error) => error switch
    {
        // DtdProcessing.Prohibit reports a DTD only through the message; the runtime's messages are not localised.
        XmlException xml when xml.Message.Contains("DTD", StringComparison.Ordinal) => ReturnReadException.Limit(
            $"The XLSX part {part} contains a DTD, which is not allowed in any XML part of a return. Save the workbook again from Excel, or upload a CSV.",
            zh: $"XLSX 部件 {part} 含有 DTD，报表的任何 XML 部件都不允许含 DTD。请用 Excel 重新保存工作簿，或上传 CSV。"),
        XmlException xml => ReturnReadException.Format(
            $"The XLSX part {part} is not well-formed XML: {xml.Message}",
            zh: $"XLSX 部件 {part} 不是格式正确的 XML（{xml.Message}）：请用 Excel 重新保存工作簿，或上传 CSV。"),
        _ => ReturnReadException.Format(
            $"The XLSX part {part} cannot be decompressed: {error.Message}",
            zh: $"XLSX 部件 {part} 无法解压（{error.Message}）：请用 Excel 重新保存工作簿，或上传 CSV。"),
    };

    public static string Bytes(long count) => count % MiB == 0 ? Invariant($"{count / MiB} MiB") : Invariant($"{count} bytes");

    /// <summary>As <see cref="Bytes"/>, for a Chinese message.</summary>
    public static string BytesZh(long count) => count % MiB == 0 ? Invariant($"{count / MiB} MiB") : Invariant($"{count} 字节");

    public static bool IsMain(XmlReader reader, string localName) =>
        reader.NodeType == XmlNodeType.Element
        && reader.LocalName == localName
        && reader.NamespaceURI is MainNs or StrictMainNs or "";

    /// <summary>Parses a cell reference such as <c>C4</c> into a 1-based row and a 0-based column.</summary>
    public static bool TryParseCellReference(ReadOnlySpan<char> reference, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        while (i < reference.Length && i < 4 && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }

        if (i == 0 || i > 3 || column > MaxColumns || i == reference.Length || reference.Length - i > 7)
        {
            return false;
        }

        column--;
        for (; i < reference.Length; i++)
        {
            if (!char.IsAsciiDigit(reference[i]))
            {
                return false;
            }

            row = (row * 10) + (reference[i] - '0');
        }

        return row is >= 1 and <= MaxSheetRows;
    }

    public static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Undoes Excel's <c>_xHHHH_</c> escapes (ST_Xstring), which it writes for control characters such as CR.</summary>
    public static string DecodeEscapes(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (TryReadEscape(text.AsSpan(i), out var code))
            {
                result.Append(code);
                i += 6;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>Whether <paramref name="text"/> starts with an escape <c>_xHHHH_</c>, and the character it stands for.</summary>
    public static bool TryReadEscape(ReadOnlySpan<char> text, out char code)
    {
        code = '\0';
        if (text.Length < 7 || text[0] != '_' || text[1] != 'x' || text[6] != '_'
            || !ushort.TryParse(text.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        code = (char)value;
        return true;
    }
}
