using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace QiIngest.Core.Templates;

/// <summary>
/// Writes a template as a minimal valid XLSX workbook: one worksheet named <c>数据</c> (the sheet section 5.5 reads) with
/// inline strings, column widths and a frozen header, and nothing else a reader has to understand.
/// </summary>
public static class XlsxTemplateWriter
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly double[] Widths = [28, 22, 44, 16, 8, 24];

    /// <summary>The template's bytes as an XLSX workbook.</summary>
    public static byte[] Write(ReturnTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>");
            Add(zip, "_rels/.rels",
                $"<Relationships xmlns=\"{PackageRelNs}\"><Relationship Id=\"rId1\" Type=\"{RelNs}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(zip, "xl/workbook.xml",
                $"<workbook xmlns=\"{MainNs}\" xmlns:r=\"{RelNs}\"><sheets><sheet name=\"数据\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels",
                $"<Relationships xmlns=\"{PackageRelNs}\"><Relationship Id=\"rId1\" Type=\"{RelNs}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Add(zip, "xl/worksheets/sheet1.xml", Sheet(template));
        }

        return buffer.ToArray();
    }

    private static string Sheet(ReturnTemplate template)
    {
        var header = ReturnTemplate.TitleRows + 1;
        var xml = new StringBuilder();
        xml.Append(CultureInfo.InvariantCulture, $"<worksheet xmlns=\"{MainNs}\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"{header}\" topLeftCell=\"A{header + 1}\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><cols>");
        for (var i = 0; i < Widths.Length; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{Widths[i]}\" customWidth=\"1\"/>");
        }

        xml.Append("</cols><sheetData>");
        for (var r = 0; r < template.Rows.Count; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            var cells = template.Rows[r];
            for (var c = 0; c < cells.Length; c++)
            {
                if (cells[c].Length > 0)
                {
                    xml.Append(CultureInfo.InvariantCulture, $"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(cells[c])}</t></is></c>");
                }
            }

            xml.Append("</row>");
        }

        return xml.Append("</sheetData></worksheet>").ToString();
    }

    private static void Add(ZipArchive zip, string name, string xml)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml);
        stream.Write(bytes);
    }
}
