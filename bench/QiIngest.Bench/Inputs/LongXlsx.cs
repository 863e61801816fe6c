using System.IO.Compression;
using System.Security;
using System.Text;
using nietras.SeparatedValues;

namespace QiIngest.Bench.Inputs;

/// <summary>
/// Writes the rows of a <see cref="LongReturn"/> CSV as an XLSX workbook as Excel saves one: text cells as shared
/// strings (each distinct text once), figures as numeric cells. The same CSV always gives the same bytes.
/// </summary>
internal static class LongXlsx
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Writes <paramref name="xlsx"/> from <paramref name="csv"/>; returns its size in bytes.</summary>
    public static long Write(string csv, string xlsx)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var sheet = new MemoryStream();
        using (var writer = new StreamWriter(sheet, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            writer.Write($"<worksheet xmlns=\"{MainNs}\"><sheetData>");
            using var reader = Sep.Reader(o => o with { HasHeader = false, Unescape = true }).FromFile(csv);
            var number = 0;
            foreach (var row in reader)
            {
                number++;
                writer.Write($"<row r=\"{number}\">");
                for (var i = 0; i < row.ColCount; i++)
                {
                    var text = row[i].ToString();
                    var reference = $"{(char)('A' + i)}{number}";
                    if (number > 1 && i == 2)
                    {
                        writer.Write($"<c r=\"{reference}\"><v>{text}</v></c>");
                    }
                    else
                    {
                        if (!strings.TryGetValue(text, out var index))
                        {
                            index = strings.Count;
                            strings.Add(text, index);
                        }

                        writer.Write($"<c r=\"{reference}\" t=\"s\"><v>{index}</v></c>");
                    }
                }

                writer.Write("</row>");
            }

            writer.Write("</sheetData></worksheet>");
        }

        using (var file = new FileStream(xlsx, FileMode.Create, FileAccess.Write))
        using (var archive = new ZipArchive(file, ZipArchiveMode.Create))
        {
            Add(archive, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>");
            Add(archive, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(archive, "xl/workbook.xml", $"<workbook xmlns=\"{MainNs}\" xmlns:r=\"{RelNs}\"><sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add(archive, "xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + $"<Relationship Id=\"rId1\" Type=\"{RelNs}/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + $"<Relationship Id=\"rId2\" Type=\"{RelNs}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
            Add(archive, "xl/sharedStrings.xml", $"<sst xmlns=\"{MainNs}\" count=\"{strings.Count}\" uniqueCount=\"{strings.Count}\">"
                + string.Concat(strings.Keys.Select(s => $"<si><t>{SecurityElement.Escape(s)}</t></si>")) + "</sst>");
            using var entry = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            sheet.Position = 0;
            sheet.CopyTo(entry);
        }

        return new FileInfo(xlsx).Length;
    }

    private static void Add(ZipArchive archive, string name, string content)
    {
        using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(Encoding.UTF8.GetBytes(content));
    }
}
