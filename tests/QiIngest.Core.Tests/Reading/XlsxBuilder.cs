using System.Buffers.Binary;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace QiIngest.Core.Tests.Reading;

/// <summary>Writes the minimal parts of an XLSX workbook so that reader tests are self-contained.</summary>
internal sealed class XlsxBuilder
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly List<(string Name, string Target, string Part, string Xml)> sheets = [];
    private readonly Dictionary<string, string?> overrides = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<Stream>> streamed = new(StringComparer.Ordinal);
    private string? sharedStrings;
    private string? styles;

    /// <summary>Adds a worksheet at <c>xl/worksheets/sheet{n}.xml</c>.</summary>
    /// <param name="name">The sheet's name in the workbook.</param>
    /// <param name="rows">The <c>row</c> elements of its <c>sheetData</c>.</param>
    /// <param name="merges">Merged ranges such as <c>A1:E1</c>.</param>
    /// <param name="target">The relationship target; relative <c>worksheets/sheet{n}.xml</c> by default.</param>
    public XlsxBuilder Sheet(string name, string rows, string[]? merges = null, string? target = null)
    {
        var number = sheets.Count + 1;
        var mergeXml = merges is null or []
            ? string.Empty
            : $"<mergeCells count=\"{merges.Length}\">{string.Concat(merges.Select(m => $"<mergeCell ref=\"{m}\"/>"))}</mergeCells>";
        var xml = $"<worksheet xmlns=\"{MainNs}\"><dimension ref=\"A1\"/><sheetData>{rows}</sheetData>{mergeXml}<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";
        sheets.Add((name, target ?? $"worksheets/sheet{number}.xml", $"xl/worksheets/sheet{number}.xml", xml));
        return this;
    }

    /// <summary>Adds <c>xl/sharedStrings.xml</c> with these <c>si</c> items (their inner XML).</summary>
    public XlsxBuilder SharedStrings(params string[] items)
    {
        sharedStrings = $"<sst xmlns=\"{MainNs}\" count=\"{items.Length}\" uniqueCount=\"{items.Length}\">{string.Concat(items.Select(i => $"<si>{i}</si>"))}</sst>";
        return this;
    }

    /// <summary>Adds <c>xl/styles.xml</c>: the file's own format codes, and one cell style (<c>s</c> index) per number format id.</summary>
    /// <param name="cellFormats">The <c>numFmtId</c> of cell style 0, 1, 2, …</param>
    /// <param name="codes">The <c>numFmts</c>: the file's own codes, for custom ids (164 and up) or built-in ones.</param>
    public XlsxBuilder Styles(int[] cellFormats, params (int Id, string Code)[] codes)
    {
        var numFmts = codes.Length == 0
            ? string.Empty
            : $"<numFmts count=\"{codes.Length}\">{string.Concat(codes.Select(c => $"<numFmt numFmtId=\"{c.Id}\" formatCode=\"{SecurityElement.Escape(c.Code)}\"/>"))}</numFmts>";
        // A cell style format (cellStyleXfs) and a differential format (dxfs) with their own numFmt, which must not count.
        styles = $"<styleSheet xmlns=\"{MainNs}\">{numFmts}<fonts count=\"1\"><font/></fonts>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
            + $"<cellXfs count=\"{cellFormats.Length}\">{string.Concat(cellFormats.Select(id => $"<xf numFmtId=\"{id}\" fontId=\"0\" applyNumberFormat=\"1\"/>"))}</cellXfs>"
            + "<dxfs count=\"1\"><dxf><numFmt numFmtId=\"1\" formatCode=\"yyyy\"/></dxf></dxfs></styleSheet>";
        return this;
    }

    /// <summary>Adds a part, or replaces one the builder writes.</summary>
    public XlsxBuilder Part(string name, string content)
    {
        overrides[name] = content;
        return this;
    }

    /// <summary>Adds a part, or replaces one, written by <paramref name="write"/> as it is compressed (for parts too large to hold as a string).</summary>
    public XlsxBuilder Part(string name, Action<Stream> write)
    {
        streamed[name] = write;
        return this;
    }

    /// <summary>Leaves out a part the builder would write.</summary>
    public XlsxBuilder Without(string name)
    {
        overrides[name] = null;
        return this;
    }

    public byte[] Build(CompressionLevel level = CompressionLevel.Optimal)
    {
        var parts = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["[Content_Types].xml"] = ContentTypes(),
            ["_rels/.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            ["xl/workbook.xml"] = $"<workbook xmlns=\"{MainNs}\" xmlns:r=\"{RelNs}\"><sheets>"
                + string.Concat(sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"))
                + "</sheets></workbook>",
            ["xl/_rels/workbook.xml.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + string.Concat(sheets.Select((s, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"{RelNs}/worksheet\" Target=\"{s.Target}\"/>"))
                + (sharedStrings is null ? string.Empty : $"<Relationship Id=\"rId{sheets.Count + 1}\" Type=\"{RelNs}/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                + (styles is null ? string.Empty : $"<Relationship Id=\"rId{sheets.Count + 2}\" Type=\"{RelNs}/styles\" Target=\"styles.xml\"/>")
                + "</Relationships>",
        };
        foreach (var sheet in sheets)
        {
            parts[sheet.Part] = sheet.Xml;
        }

        if (sharedStrings is not null)
        {
            parts["xl/sharedStrings.xml"] = sharedStrings;
        }

        if (styles is not null)
        {
            parts["xl/styles.xml"] = styles;
        }

        foreach (var (name, content) in overrides)
        {
            parts[name] = content;
        }

        foreach (var name in streamed.Keys)
        {
            parts.Remove(name);
        }

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                if (content is null)
                {
                    continue;
                }

                using var entry = archive.CreateEntry(name, level).Open();
                entry.Write(Encoding.UTF8.GetBytes(content));
            }

            foreach (var (name, write) in streamed)
            {
                using var entry = archive.CreateEntry(name, level).Open();
                write(entry);
            }
        }

        return zip.ToArray();
    }

    /// <summary>Overwrites the uncompressed size an entry declares, in its local header and in the central directory.</summary>
    public static byte[] DeclareSize(byte[] zip, string entryName, uint size)
    {
        var patched = zip.ToArray();
        var name = Encoding.UTF8.GetBytes(entryName);
        var found = 0;
        for (var i = 0; i + 46 <= patched.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(i));
            if (signature == 0x04034b50 && patched.AsSpan(i + 30, BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(i + 26))).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(i + 22), size);
                found++;
            }
            else if (signature == 0x02014b50 && patched.AsSpan(i + 46, BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(i + 28))).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(i + 24), size);
                found++;
            }
        }

        return found == 2 ? patched : throw new InvalidOperationException($"Entry {entryName} not found in both headers.");
    }

    public static string Row(int number, params string[] cells) => $"<row r=\"{number}\">{string.Concat(cells)}</row>";

    public static string Inline(string reference, string text) =>
        $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(text)}</t></is></c>";

    public static string Number(string reference, string value) => $"<c r=\"{reference}\"><v>{value}</v></c>";

    /// <summary>A numeric cell in cell style <paramref name="style"/> (see <see cref="Styles"/>).</summary>
    public static string Number(string reference, string value, int style) => $"<c r=\"{reference}\" s=\"{style}\"><v>{value}</v></c>";

    private string ContentTypes()
    {
        var sheetTypes = string.Concat(sheets.Select(s =>
            $"<Override PartName=\"/{s.Part}\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        var sharedType = sharedStrings is null
            ? string.Empty
            : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
        sharedType += styles is null
            ? string.Empty
            : "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>";
        return "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + sheetTypes + sharedType + "</Types>";
    }
}
