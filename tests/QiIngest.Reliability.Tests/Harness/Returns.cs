using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>Returns made up for the scenarios, deterministic for their arguments.</summary>
internal static class Returns
{
    /// <summary>
    /// A Guangdong (440000) return with city detail: <paramref name="cities"/> city rows of two indicators each, so
    /// 2 × cities observations, and the province total; <paramref name="variant"/> changes the figures (another version).
    /// </summary>
    public static byte[] LargeCityReturn(int cities, int variant)
    {
        var csv = new StringBuilder("地区代码,指标,数值\n");
        for (var i = 0; i < cities; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"44{(i / 99) + 1:D2}{(i % 99) + 1:D2}");
            csv.Append(code).Append(",IT_INSTITUTIONS,").Append(10 + variant + (i % 7)).Append('\n');
            csv.Append(code).Append(",IT_INSTITUTIONS_PRIVATE,").Append(1 + (i % 5)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>A large return that is rejected near its end: <paramref name="cities"/> good city rows, then one whose region is in another province.</summary>
    public static byte[] LargeRejectedReturn(int cities, int variant)
    {
        var good = Encoding.UTF8.GetString(LargeCityReturn(cities, variant));
        return Encoding.UTF8.GetBytes(good + "330100,IT_INSTITUTIONS,5\n");
    }

    /// <summary>A CSV return whose third record is one row of <paramref name="characters"/> characters (a note that never ends).</summary>
    public static byte[] CsvWithLongRow(int characters)
    {
        var csv = new StringBuilder("indicator,value,unit,note\nIT_INSTITUTIONS,1934,家,\nIT_INSTITUTIONS_PRIVATE,1219,家,", characters + 100);
        csv.Append('x', characters).Append('\n');
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>A large Guangdong return whose last record opens a quote that never closes, followed by <paramref name="characters"/> characters.</summary>
    public static byte[] CsvWithUnterminatedQuote(int cities, int characters)
    {
        var csv = new StringBuilder(Encoding.UTF8.GetString(LargeCityReturn(cities, 0)), (cities * 30) + characters + 100);
        csv.Append("440101,IT_REVENUE,\"").Append('y', characters).Append('\n');
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>
    /// A Beijing XLSX of two observations whose shared-strings part holds <paramref name="strings"/> strings of
    /// <paramref name="length"/> letters besides the header's, and whose row 4 uses the last of them first, then all
    /// the others: small on disk, large decompressed, and every string must be held once the first cell is read.
    /// </summary>
    public static byte[] SharedStringsBomb(int strings, int length)
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new (string Name, Action<Stream> Write)[]
        {
            ("[Content_Types].xml", Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>")),
            ("_rels/.rels", Text("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
            ("xl/workbook.xml", Text($"<workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
            ("xl/_rels/workbook.xml.rels", Text($"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")),
            ("xl/worksheets/sheet1.xml", Text($"<worksheet xmlns=\"{main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>1934</v></c></row><row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\"><v>1219</v></c></row><row r=\"4\">{string.Concat(Enumerable.Range(3, strings).Select(i => $"<c t=\"s\"><v>{(i == 3 ? strings + 3 : i)}</v></c>"))}</row></sheetData></worksheet>")),
            ("xl/sharedStrings.xml", stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                writer.Write($"<sst xmlns=\"{main}\"><si><t>indicator</t></si><si><t>value</t></si><si><t>IT_INSTITUTIONS</t></si><si><t>IT_INSTITUTIONS_PRIVATE</t></si>");
                var item = $"<si><t>{new string('a', length)}</t></si>";
                for (var i = 0; i < strings; i++)
                {
                    writer.Write(item);
                }

                writer.Write("</sst>");
            }),
        };
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in parts)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                write(entry);
            }
        }

        return zip.ToArray();

        static Action<Stream> Text(string xml) => stream => stream.Write(Encoding.UTF8.GetBytes(xml));
    }
}
