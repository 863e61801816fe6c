using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using static System.FormattableString;
using static QiIngest.Core.Reading.Xlsx.SpreadsheetXml;

namespace QiIngest.Core.Reading.Xlsx;

/// <summary>The zip archive, checked against the entry and size limits, with its parts by name.</summary>
internal sealed class XlsxPackage : IDisposable
{
    private const string NotAZipMessage = "The file ends in .xlsx but is not an XLSX workbook (not a zip archive). Save it from Excel as .xlsx, or upload a CSV.";
    private const string NotAZipMessageZh = "文件扩展名是 .xlsx，但不是 XLSX 工作簿（不是 zip 压缩包）。请用 Excel 另存为 .xlsx，或上传 CSV。";
    private const string WorkbookPart = "xl/workbook.xml";
    private const string WorkbookRelsPart = "xl/_rels/workbook.xml.rels";
    private const string DefaultSharedStringsPart = "xl/sharedStrings.xml";
    private const string DefaultStylesPart = "xl/styles.xml";
    private const int MinSharedStringBytes = 5; // <si/>

    private readonly ZipArchive archive;
    private readonly Dictionary<string, ZipArchiveEntry> entries;
    private readonly ByteBudget budget;
    private readonly long decompressionLimit;
    private Dictionary<string, (string Type, string Target)>? workbookRelationships;

    private XlsxPackage(ZipArchive archive, Dictionary<string, ZipArchiveEntry> entries, ByteBudget budget, long decompressionLimit)
    {
        this.decompressionLimit = decompressionLimit;
        this.archive = archive;
        this.entries = entries;
        this.budget = budget;
    }

    public static XlsxPackage Open(Stream content, IngestLimits limits)
    {
        // The end of the central directory says how many entries follow; checking it first keeps a huge
        // directory from being loaded (ZipArchive stops at the declared count).
        var (declared, atLeast) = DeclaredEntryCount(content);
        if (declared > limits.MaxXlsxEntries)
        {
            throw TooManyEntries(declared, atLeast, limits);
        }

        ZipArchive archive;
        try
        {
            archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw ReturnReadException.Format(NotAZipMessage, zh: NotAZipMessageZh);
        }

        try
        {
            var all = ReadDirectory(archive);
            if (all.Count > limits.MaxXlsxEntries)
            {
                throw TooManyEntries(all.Count, atLeast: false, limits);
            }

            var max = limits.MaxXlsxUncompressedBytes;
            long total = 0;
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in all)
            {
                total = entry.Length > long.MaxValue - total ? long.MaxValue : total + entry.Length;
                entries.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
            }

            if (total > max)
            {
                throw ReturnReadException.Limit(
                    $"The XLSX parts declare {Bytes(total)} when decompressed; at most {Bytes(max)} are allowed. Split the return, or upload a CSV.",
                    zh: $"XLSX 各部件声明的解压后大小为 {BytesZh(total)}，上限为 {BytesZh(max)}。请拆分报表，或上传 CSV。");
            }

            var budget = new ByteBudget(max, part => ReturnReadException.Limit(
                $"The XLSX parts decompress past the limit of {Bytes(max)} (in {part}), although they declare less; the workbook is rejected.",
                zh: $"XLSX 各部件解压后超过上限 {BytesZh(max)}（在 {part} 中），尽管声明的大小更小；工作簿被拒收。请用 Excel 重新保存，或上传 CSV。"));
            return new XlsxPackage(archive, entries, budget, max);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public XlsxSheet FindReturnSheet()
    {
        if (!entries.ContainsKey(WorkbookPart))
        {
            throw ReturnReadException.Format(
                $"The XLSX workbook has no {WorkbookPart} part. Save it from Excel as .xlsx, or upload a CSV.",
                zh: $"XLSX 工作簿中没有 {WorkbookPart} 部件。请用 Excel 另存为 .xlsx，或上传 CSV。");
        }

        var sheets = ReadPart(WorkbookPart, ReadSheetList);
        var relationships = WorkbookRelationships();
        XlsxSheet? chosen = null;
        foreach (var (name, id) in sheets)
        {
            if (id is null || !relationships.TryGetValue(id, out var relationship))
            {
                throw ReturnReadException.Format(
                    $"The sheet '{name}' in {WorkbookPart} refers to relationship '{id}', which {WorkbookRelsPart} does not define.",
                    zh: $"{WorkbookPart} 中的工作表“{name}”引用了关系“{id}”，但 {WorkbookRelsPart} 中没有定义。请用 Excel 重新保存工作簿，或上传 CSV。");
            }

            if (!relationship.Type.EndsWith("/worksheet", StringComparison.Ordinal))
            {
                continue; // chart and dialog sheets hold no cells
            }

            var sheet = new XlsxSheet(name, ResolvePart(relationship.Target));
            if (name.Trim().Equals("data", StringComparison.OrdinalIgnoreCase) || name.Trim() == "数据")
            {
                chosen = sheet;
                break;
            }

            chosen ??= sheet;
        }

        if (chosen is null)
        {
            throw ReturnReadException.Format("The XLSX workbook has no worksheet. Put the return on a worksheet, or upload a CSV.", zh: "XLSX 工作簿中没有工作表。请把报表放在工作表上，或上传 CSV。");
        }

        if (!entries.ContainsKey(chosen.Part))
        {
            throw ReturnReadException.Format(
                $"The worksheet '{chosen.Name}' points to the part {chosen.Part}, which is not in the workbook.",
                zh: $"工作表“{chosen.Name}”指向部件 {chosen.Part}，但工作簿中没有该部件。请用 Excel 重新保存工作簿，或上传 CSV。");
        }

        return chosen;
    }

    /// <summary>The counts of shared-string uses for <see cref="ReadMerges"/> to fill, sized by the shared-strings part.</summary>
    public SharedStringUses NewSharedStringUses() =>
        new(SharedStringsPart() is { } part ? (entries[part].Length / MinSharedStringBytes) + 1 : 0);

    /// <summary>
    /// Opens the shared strings for reading in step with the sheet. What they hold is kept in at most a quarter of the
    /// decompression limit of memory (64 MiB by default): what the reader keeps of a workbook stays bounded by the
    /// limits, whatever its parts hold. The part is read once, on the package's byte budget.
    /// </summary>
    public SharedStringReader OpenSharedStrings(SharedStringUses uses)
    {
        if (SharedStringsPart() is not { } part)
        {
            return SharedStringReader.None;
        }

        var memory = decompressionLimit / 4;
        var table = new SharedStringTable(memory, () => ReturnReadException.Limit(
            $"The XLSX part {part} holds more shared strings than a return can: they would take more than {Bytes(memory)} of memory, a quarter of the decompression limit of {Bytes(decompressionLimit)}. Split the return, or upload a CSV.",
            zh: $"XLSX 部件 {part} 中的共享字符串超出报表所能容纳的量：它们将占用超过 {BytesZh(memory)}的内存，即解压上限 {BytesZh(decompressionLimit)} 的四分之一。请拆分报表，或上传 CSV。"));
        Stream entry;
        try
        {
            entry = entries[part].Open();
        }
        catch (InvalidDataException error)
        {
            throw PartError(part, error);
        }

        return new SharedStringReader(part, new ByteBudgetStream(entry, budget, part, leaveOpen: false), table, uses);
    }

    /// <summary>The number format of each cell style, from the styles part; none without one.</summary>
    public CellStyles ReadStyles() =>
        RelatedPart("/styles", DefaultStylesPart) is { } part ? ReadPart(part, CellStyles.Read) : CellStyles.None;

    /// <summary>
    /// The first pass over the sheet part: the merged ranges, which the part lists after its rows, and into
    /// <paramref name="uses"/> the uses of each shared string by a cell.
    /// </summary>
    public MergedRange[] ReadMerges(XlsxSheet sheet, SharedStringUses uses, out long partBytes)
    {
        var merges = ReadPart(sheet.Part, reader =>
        {
            var found = new List<MergedRange>();
            reader.Read();
            while (!reader.EOF)
            {
                if (IsMain(reader, "sheetData"))
                {
                    CountUses(reader, uses);
                    continue;
                }

                if (IsMain(reader, "mergeCell"))
                {
                    var reference = reader.GetAttribute("ref") ?? string.Empty;
                    var corners = reference.Split(':');
                    if (corners.Length is < 1 or > 2
                        || !TryParseCellReference(corners[0], out var row1, out var column1)
                        || !TryParseCellReference(corners[^1], out var row2, out var column2))
                    {
                        throw ReturnReadException.Format(
                            $"The worksheet '{sheet.Name}' has a merged range '{reference}' that is not a cell range such as A1:E1.",
                            zh: $"工作表“{sheet.Name}”中的合并区域“{reference}”不是 A1:E1 这样的单元格区域。请用 Excel 重新保存工作簿，或上传 CSV。");
                    }

                    if (row1 != row2 || column1 != column2)
                    {
                        found.Add(new MergedRange(Math.Min(row1, row2), Math.Min(column1, column2), Math.Max(row1, row2), Math.Max(column1, column2)));
                    }
                }

                reader.Read();
            }

            return found;
        }, out partBytes);

        var sorted = merges.ToArray();
        Array.Sort(sorted, static (a, b) => a.Top != b.Top ? a.Top.CompareTo(b.Top) : a.Left.CompareTo(b.Left));
        return sorted;
    }

    /// <summary>Opens a part for a second reading, which may decompress no more than the first did (its bytes count once).</summary>
    public ByteBudgetStream Reopen(string part, long firstReadBytes)
    {
        var again = new ByteBudget(firstReadBytes, name => ReturnReadException.Limit(
            $"The XLSX part {name} decompressed to more bytes on its second reading than on its first; the workbook is rejected.",
            zh: $"XLSX 部件 {name} 第二次读取时解压出的字节多于第一次；工作簿被拒收。请用 Excel 重新保存，或上传 CSV。"));
        return new ByteBudgetStream(entries[part].Open(), again, part, leaveOpen: false);
    }

    public void Dispose() => archive.Dispose();

    private static ReadOnlyCollection<ZipArchiveEntry> ReadDirectory(ZipArchive archive)
    {
        try
        {
            return archive.Entries;
        }
        catch (InvalidDataException)
        {
            throw ReturnReadException.Format(NotAZipMessage, zh: NotAZipMessageZh);
        }
    }

    private static (long Count, bool AtLeast) DeclaredEntryCount(Stream content)
    {
        const int EndRecordSize = 22;
        var length = content.Length;
        if (length < EndRecordSize)
        {
            return (0, false);
        }

        var tail = new byte[(int)Math.Min(length, EndRecordSize + ushort.MaxValue)];
        var tailStart = length - tail.Length;
        content.Position = tailStart;
        content.ReadExactly(tail);
        for (var at = tail.Length - EndRecordSize; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != 0x06054b50)
            {
                continue;
            }

            var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count != ushort.MaxValue)
            {
                return (count, false);
            }

            // Zip64: the locator just before the record points to the zip64 end record with the full count.
            var locator = tailStart + at - 20;
            if (locator >= 0)
            {
                var buffer = new byte[56];
                content.Position = locator;
                content.ReadExactly(buffer.AsSpan(0, 20));
                var recordOffset = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8));
                if (BinaryPrimitives.ReadUInt32LittleEndian(buffer) == 0x07064b50 && length >= 56 && recordOffset <= (ulong)(length - 56))
                {
                    content.Position = (long)recordOffset;
                    content.ReadExactly(buffer);
                    var count64 = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
                    if (BinaryPrimitives.ReadUInt32LittleEndian(buffer) == 0x06064b50)
                    {
                        return (count64 > long.MaxValue ? long.MaxValue : (long)count64, false);
                    }
                }
            }

            return (ushort.MaxValue, true);
        }

        return (0, false);
    }

    /// <summary>
    /// Counts the shared strings that the cells of type <c>s</c> under <c>sheetData</c> use, and ends after it, as
    /// <see cref="XmlReader.Skip"/> would. It counts every <c>v</c> of such a cell wherever it lies: a use too many only
    /// holds a string, one too few would lose it.
    /// </summary>
    private static void CountUses(XmlReader reader, SharedStringUses uses)
    {
        var digits = new char[16];
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (IsMain(reader, "c") && !reader.IsEmptyElement && IsSharedStringCell(reader, digits))
            {
                var cell = reader.Depth;
                reader.Read();
                while (reader.Depth > cell)
                {
                    if (IsMain(reader, "v") && !reader.IsEmptyElement)
                    {
                        CountUse(reader, uses, digits);
                    }
                    else
                    {
                        reader.Read();
                    }
                }
            }

            reader.Read();
        }

        reader.Read();
    }

    /// <summary>Whether the cell element under the reader has <c>t="s"</c>, read without making a string; stays on the element.</summary>
    private static bool IsSharedStringCell(XmlReader reader, char[] chars)
    {
        if (!reader.MoveToAttribute("t"))
        {
            return false;
        }

        var n = reader.ReadValueChunk(chars, 0, 2);
        reader.MoveToElement();
        return n == 1 && chars[0] == 's';
    }

    /// <summary>
    /// Counts the index in a <c>v</c> element that is one text node (Excel's), read without making a string; any other
    /// content, which the second pass might still read as an index, makes every string count as used twice.
    /// </summary>
    private static void CountUse(XmlReader reader, SharedStringUses uses, char[] digits)
    {
        reader.Read();
        if (reader.NodeType == XmlNodeType.EndElement)
        {
            return; // <v></v>: no string
        }

        if (reader.NodeType == XmlNodeType.Text)
        {
            var n = reader.ReadValueChunk(digits, 0, digits.Length);
            reader.Read();
            if (reader.NodeType == XmlNodeType.EndElement && n < digits.Length
                && int.TryParse(digits.AsSpan(0, n), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                uses.Add(index);
                return;
            }
        }

        uses.AddUnknown();
    }

    private static ReturnReadException TooManyEntries(long count, bool atLeast, IngestLimits limits) => ReturnReadException.Limit(
        Invariant($"The XLSX workbook has {(atLeast ? "at least " : string.Empty)}{count} zip entries; at most {limits.MaxXlsxEntries} are allowed."),
        zh: Invariant($"XLSX 工作簿有{(atLeast ? "至少 " : " ")}{count} 个 zip 条目，上限为 {limits.MaxXlsxEntries} 个。请用 Excel 重新保存工作簿，或上传 CSV。"));

    private static List<(string Name, string? Id)> ReadSheetList(XmlReader reader)
    {
        var sheets = new List<(string Name, string? Id)>();
        while (reader.Read())
        {
            if (IsMain(reader, "sheet"))
            {
                sheets.Add((reader.GetAttribute("name") ?? string.Empty,
                    reader.GetAttribute("id", RelationshipsNs) ?? reader.GetAttribute("id", StrictRelationshipsNs)));
            }
        }

        return sheets;
    }

    /// <summary>A relationship target as a part name: absolute (<c>/xl/worksheets/sheet2.xml</c>) or relative to <c>xl/</c>.</summary>
    private string ResolvePart(string target)
    {
        target = target.Replace('\\', '/');
        var path = target.StartsWith('/') ? target : "xl/" + target;
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var part = string.Join('/', segments);
        var unescaped = Uri.UnescapeDataString(part);
        return entries.ContainsKey(part) || !entries.ContainsKey(unescaped) ? part : unescaped;
    }

    /// <summary>The workbook's part of a relationship type (its first), else the usual part name; null when absent.</summary>
    private string? SharedStringsPart() => RelatedPart("/sharedStrings", DefaultSharedStringsPart);

    private string? RelatedPart(string typeSuffix, string usualPart)
    {
        var part = usualPart;
        foreach (var (type, target) in WorkbookRelationships().Values)
        {
            if (type.EndsWith(typeSuffix, StringComparison.Ordinal))
            {
                part = ResolvePart(target);
                break;
            }
        }

        return entries.ContainsKey(part) ? part : null;
    }

    private Dictionary<string, (string Type, string Target)> WorkbookRelationships()
    {
        if (workbookRelationships is not null)
        {
            return workbookRelationships;
        }

        if (!entries.ContainsKey(WorkbookRelsPart))
        {
            throw ReturnReadException.Format(
                $"The XLSX workbook has no {WorkbookRelsPart} part, so its sheets cannot be found. Save it from Excel as .xlsx, or upload a CSV.",
                zh: $"XLSX 工作簿中没有 {WorkbookRelsPart} 部件，因此找不到工作表。请用 Excel 另存为 .xlsx，或上传 CSV。");
        }

        workbookRelationships = ReadPart(WorkbookRelsPart, reader =>
        {
            var relationships = new Dictionary<string, (string Type, string Target)>(StringComparer.Ordinal);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                    && reader.NamespaceURI is PackageRelationshipsNs or ""
                    && reader.GetAttribute("TargetMode") != "External"
                    && reader.GetAttribute("Id") is { } id)
                {
                    relationships.TryAdd(id, (reader.GetAttribute("Type") ?? string.Empty, reader.GetAttribute("Target") ?? string.Empty));
                }
            }

            return relationships;
        });
        return workbookRelationships;
    }

    private T ReadPart<T>(string part, Func<XmlReader, T> read) => ReadPart(part, read, out _);

    private T ReadPart<T>(string part, Func<XmlReader, T> read, out long partBytes)
    {
        try
        {
            using var stream = new ByteBudgetStream(entries[part].Open(), budget, part, leaveOpen: false);
            T result;
            using (var reader = XmlReader.Create(stream, SpreadsheetXml.Settings()))
            {
                result = read(reader);
            }

            // Whatever follows the document still counts toward the limit, and fixes what a second reading may read.
            stream.CopyTo(Stream.Null);
            partBytes = stream.BytesRead;
            return result;
        }
        catch (Exception error) when (error is XmlException or InvalidDataException)
        {
            throw PartError(part, error);
        }
    }
}
