using System.Globalization;
using System.Xml;
using static QiIngest.Core.Reading.Xlsx.SpreadsheetXml;

namespace QiIngest.Core.Reading.Xlsx;

/// <summary>
/// The number format of each cell style (<c>cellXfs</c> in <c>styles.xml</c>), reduced to what section 5.5 reads
/// from it: one byte per style.
/// </summary>
internal sealed class CellStyles
{
    private readonly NumberFormatKind[] kinds;

    private CellStyles(NumberFormatKind[] kinds) => this.kinds = kinds;

    /// <summary>A workbook without a styles part: every cell has the General format.</summary>
    public static CellStyles None { get; } = new([]);

    /// <summary>The format of the style a cell's <c>s</c> attribute names; General for none or a style the part lacks.</summary>
    public NumberFormatKind Kind(string? styleIndex) =>
        styleIndex is not null
        && int.TryParse(styleIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index < kinds.Length
            ? kinds[index]
            : NumberFormatKind.Number;

    /// <summary>Reads the styles part: its own format codes (<c>numFmts</c>), then the number format of each cell style.</summary>
    public static CellStyles Read(XmlReader reader)
    {
        // Packed as id << 32 | definition order << 2 | kind, sorted: 8 bytes a code, and the first definition of an id wins.
        var codes = new List<long>();
        var kinds = new List<NumberFormatKind>();
        var sorted = true;
        var numFmtsDepth = -1;
        var cellXfsDepth = -1;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var depth = reader.Depth;
            if (depth <= numFmtsDepth)
            {
                numFmtsDepth = -1;
            }

            if (depth <= cellXfsDepth)
            {
                cellXfsDepth = -1;
            }

            if (IsMain(reader, "numFmts") && depth == 1)
            {
                numFmtsDepth = depth;
            }
            else if (IsMain(reader, "cellXfs") && depth == 1)
            {
                cellXfsDepth = depth;
            }
            else if (numFmtsDepth >= 0 && depth == numFmtsDepth + 1 && IsMain(reader, "numFmt")
                && TryReadId(reader.GetAttribute("numFmtId"), out var id) && codes.Count < 1 << 30)
            {
                var kind = NumberFormats.Classify(reader.GetAttribute("formatCode"));
                codes.Add((id << 32) | ((long)codes.Count << 2) | (long)kind);
                sorted = false;
            }
            else if (cellXfsDepth >= 0 && depth == cellXfsDepth + 1 && IsMain(reader, "xf"))
            {
                if (!sorted)
                {
                    codes.Sort();
                    sorted = true;
                }

                kinds.Add(TryReadId(reader.GetAttribute("numFmtId"), out var formatId) ? KindOf(formatId, codes) : NumberFormatKind.Number);
            }
        }

        return new CellStyles([.. kinds]);
    }

    private static NumberFormatKind KindOf(long id, List<long> codes)
    {
        // The first packed entry at or above id << 32 is the id's first definition, if the file defines it.
        var at = codes.BinarySearch(id << 32);
        at = at < 0 ? ~at : at;
        return at < codes.Count && (codes[at] >>> 32) == id ? (NumberFormatKind)(codes[at] & 3) : NumberFormats.BuiltIn(id);
    }

    private static bool TryReadId(string? text, out long id)
    {
        var ok = uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        id = value;
        return ok;
    }
}
