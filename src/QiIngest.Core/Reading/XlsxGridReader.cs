using System.Buffers.Binary;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using static System.FormattableString;

namespace QiIngest.Core.Reading;

/// <summary>
/// Reads the return's worksheet of an XLSX workbook (section 5.5 of the reporting form) as raw rows, within
/// the limits of section 7. Built on <see cref="ZipArchive"/> and <see cref="XmlReader"/> rather than a
/// spreadsheet package so that every decompressed byte is counted and no XML part can bring a DTD.
/// </summary>
internal static class XlsxGridReader
{
    private const string NotAZipMessage = "The file ends in .xlsx but is not an XLSX workbook (not a zip archive). Save it from Excel as .xlsx, or upload a CSV.";
    private const string WorkbookPart = "xl/workbook.xml";
    private const string WorkbookRelsPart = "xl/_rels/workbook.xml.rels";
    private const string DefaultSharedStringsPart = "xl/sharedStrings.xml";
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StrictMainNs = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string RelationshipsNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationshipsNs = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    private const string PackageRelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const int MaxColumns = 16_384; // A..XFD
    private const int MaxSheetRows = 1_048_576;
    private const long MiB = 1024 * 1024;

    /// <summary>Streams the rows of the return's worksheet: the sheet named <c>data</c> or <c>数据</c>, else the first worksheet.</summary>
    /// <param name="content">The workbook. It must be seekable; it is left open.</param>
    /// <param name="limits">The zip entry, decompressed size and row limits to enforce.</param>
    /// <returns>
    /// The rows that have a non-empty cell, in sheet order, numbered by sheet row. Numbers are plain decimal text
    /// rounded to Excel's 15 significant digits; formulas give their cached value; merged cells carry the merge's value.
    /// </returns>
    /// <exception cref="ReturnReadException">On enumeration, when the workbook is malformed or past a limit.</exception>
    public static IEnumerable<GridRow> Read(Stream content, IngestLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The XLSX content must be a seekable stream.", nameof(content));
        }

        return ReadRows(content, limits);
    }

    private static IEnumerable<GridRow> ReadRows(Stream content, IngestLimits limits)
    {
        using var package = Package.Open(content, limits);
        var sheet = package.FindReturnSheet();
        var sharedStrings = package.ReadSharedStrings();
        var merges = package.ReadMerges(sheet, out var sheetBytes);
        using var rows = new SheetRowReader(package, sheet, sharedStrings, merges, sheetBytes, limits);
        while (rows.MoveNext())
        {
            yield return rows.Current;
        }
    }

    private static XmlReaderSettings XmlSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private static ReturnReadException PartError(string part, Exception error) => error switch
    {
        // DtdProcessing.Prohibit reports a DTD only through the message; the runtime's messages are not localised.
        XmlException xml when xml.Message.Contains("DTD", StringComparison.Ordinal) => ReturnReadException.Limit(
            $"The XLSX part {part} contains a DTD, which is not allowed in any XML part of a return. Save the workbook again from Excel, or upload a CSV."),
        XmlException xml => ReturnReadException.Format($"The XLSX part {part} is not well-formed XML: {xml.Message}"),
        _ => ReturnReadException.Format($"The XLSX part {part} cannot be decompressed: {error.Message}"),
    };

    private static string Bytes(long count) => count % MiB == 0 ? Invariant($"{count / MiB} MiB") : Invariant($"{count} bytes");

    private static bool IsMain(XmlReader reader, string localName) =>
        reader.NodeType == XmlNodeType.Element
        && reader.LocalName == localName
        && reader.NamespaceURI is MainNs or StrictMainNs or "";

    /// <summary>Concatenates the <c>t</c> runs of an <c>si</c> or <c>is</c> element, leaving out phonetic runs (<c>rPh</c>).</summary>
    /// <remarks>Starts on the element; ends on its end tag (or on the element itself when it is empty).</remarks>
    private static string ReadRichText(XmlReader reader)
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

        return DecodeEscapes(runs?.ToString() ?? text ?? string.Empty);
    }

    /// <summary>Undoes Excel's <c>_xHHHH_</c> escapes (ST_Xstring), which it writes for control characters such as CR.</summary>
    private static string DecodeEscapes(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 6;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>The text of a numeric cell: Excel's 15 significant digits, as plain decimal text where <see cref="decimal"/> holds it exactly.</summary>
    private static string FormatNumber(string raw)
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

    /// <summary>Parses a cell reference such as <c>C4</c> into a 1-based row and a 0-based column.</summary>
    private static bool TryParseCellReference(ReadOnlySpan<char> reference, out int row, out int column)
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

    private static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }

        return name;
    }

    private sealed record Sheet(string Name, string Part);

    private readonly record struct Merge(int Top, int Left, int Bottom, int Right);

    private readonly record struct ActiveMerge(Merge Range, string? Value);

    /// <summary>Counts decompressed bytes and stops the read when they pass the limit.</summary>
    private sealed class ByteBudget(long limit, Func<string, ReturnReadException> overrun)
    {
        private long used;

        public void Charge(int count, string part)
        {
            used += count;
            if (used > limit)
            {
                throw overrun(part);
            }
        }
    }

    /// <summary>Charges every byte read from a part's decompressed stream to a <see cref="ByteBudget"/>.</summary>
    private sealed class CountingStream(Stream inner, ByteBudget budget, string part) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            BytesRead += read;
            budget.Charge(read, part);
            return read;
        }
    }

    /// <summary>The zip archive, checked against the entry and size limits, with its parts by name.</summary>
    private sealed class Package : IDisposable
    {
        private readonly ZipArchive archive;
        private readonly Dictionary<string, ZipArchiveEntry> entries;
        private readonly ByteBudget budget;
        private Dictionary<string, (string Type, string Target)>? workbookRelationships;

        private Package(ZipArchive archive, Dictionary<string, ZipArchiveEntry> entries, ByteBudget budget)
        {
            this.archive = archive;
            this.entries = entries;
            this.budget = budget;
        }

        public static Package Open(Stream content, IngestLimits limits)
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
                throw ReturnReadException.Format(NotAZipMessage);
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
                        $"The XLSX parts declare {Bytes(total)} when decompressed; at most {Bytes(max)} are allowed. Split the return, or upload a CSV.");
                }

                var budget = new ByteBudget(max, part => ReturnReadException.Limit(
                    $"The XLSX parts decompress past the limit of {Bytes(max)} (in {part}), although they declare less; the workbook is rejected."));
                return new Package(archive, entries, budget);
            }
            catch
            {
                archive.Dispose();
                throw;
            }
        }

        public Sheet FindReturnSheet()
        {
            if (!entries.ContainsKey(WorkbookPart))
            {
                throw ReturnReadException.Format($"The XLSX workbook has no {WorkbookPart} part. Save it from Excel as .xlsx, or upload a CSV.");
            }

            var sheets = ReadPart(WorkbookPart, ReadSheetList);
            var relationships = WorkbookRelationships();
            Sheet? chosen = null;
            foreach (var (name, id) in sheets)
            {
                if (id is null || !relationships.TryGetValue(id, out var relationship))
                {
                    throw ReturnReadException.Format(
                        $"The sheet '{name}' in {WorkbookPart} refers to relationship '{id}', which {WorkbookRelsPart} does not define.");
                }

                if (!relationship.Type.EndsWith("/worksheet", StringComparison.Ordinal))
                {
                    continue; // chart and dialog sheets hold no cells
                }

                var sheet = new Sheet(name, ResolvePart(relationship.Target));
                if (name.Trim().Equals("data", StringComparison.OrdinalIgnoreCase) || name.Trim() == "数据")
                {
                    chosen = sheet;
                    break;
                }

                chosen ??= sheet;
            }

            if (chosen is null)
            {
                throw ReturnReadException.Format("The XLSX workbook has no worksheet. Put the return on a worksheet, or upload a CSV.");
            }

            if (!entries.ContainsKey(chosen.Part))
            {
                throw ReturnReadException.Format($"The worksheet '{chosen.Name}' points to the part {chosen.Part}, which is not in the workbook.");
            }

            return chosen;
        }

        public List<string> ReadSharedStrings()
        {
            var part = DefaultSharedStringsPart;
            foreach (var (type, target) in WorkbookRelationships().Values)
            {
                if (type.EndsWith("/sharedStrings", StringComparison.Ordinal))
                {
                    part = ResolvePart(target);
                    break;
                }
            }

            if (!entries.ContainsKey(part))
            {
                return [];
            }

            return ReadPart(part, reader =>
            {
                var strings = new List<string>();
                while (reader.Read())
                {
                    if (IsMain(reader, "si"))
                    {
                        strings.Add(ReadRichText(reader));
                    }
                }

                return strings;
            });
        }

        /// <summary>The first pass over the sheet part: the merged ranges, which the part lists after its rows.</summary>
        public Merge[] ReadMerges(Sheet sheet, out long partBytes)
        {
            var merges = ReadPart(sheet.Part, reader =>
            {
                var found = new List<Merge>();
                reader.Read();
                while (!reader.EOF)
                {
                    if (IsMain(reader, "sheetData"))
                    {
                        reader.Skip();
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
                                $"The worksheet '{sheet.Name}' has a merged range '{reference}' that is not a cell range such as A1:E1.");
                        }

                        if (row1 != row2 || column1 != column2)
                        {
                            found.Add(new Merge(Math.Min(row1, row2), Math.Min(column1, column2), Math.Max(row1, row2), Math.Max(column1, column2)));
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
        public CountingStream Reopen(string part, long firstReadBytes)
        {
            var again = new ByteBudget(firstReadBytes, name => ReturnReadException.Limit(
                $"The XLSX part {name} decompressed to more bytes on its second reading than on its first; the workbook is rejected."));
            return new CountingStream(entries[part].Open(), again, part);
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
                throw ReturnReadException.Format(NotAZipMessage);
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

        private static ReturnReadException TooManyEntries(long count, bool atLeast, IngestLimits limits) => ReturnReadException.Limit(Invariant(
            $"The XLSX workbook has {(atLeast ? "at least " : string.Empty)}{count} zip entries; at most {limits.MaxXlsxEntries} are allowed."));

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

        private Dictionary<string, (string Type, string Target)> WorkbookRelationships()
        {
            if (workbookRelationships is not null)
            {
                return workbookRelationships;
            }

            if (!entries.ContainsKey(WorkbookRelsPart))
            {
                throw ReturnReadException.Format($"The XLSX workbook has no {WorkbookRelsPart} part, so its sheets cannot be found. Save it from Excel as .xlsx, or upload a CSV.");
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
                using var stream = new CountingStream(entries[part].Open(), budget, part);
                T result;
                using (var reader = XmlReader.Create(stream, XmlSettings()))
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

    /// <summary>
    /// The second pass over the sheet part: streams its rows and lays the merged ranges over them, keeping only
    /// the ranges still ahead and those that cover the current row.
    /// </summary>
    private sealed class SheetRowReader(Package package, Sheet sheet, List<string> sharedStrings, Merge[] merges, long sheetBytes, IngestLimits limits) : IDisposable
    {
        private const int NoMoreRows = int.MaxValue;

        private readonly string?[] cells = new string?[MaxColumns];
        private readonly bool[] continuation = new bool[MaxColumns];
        private readonly List<ActiveMerge> active = [];
        private readonly int maxDataRows = limits.MaxDataRows;
        private readonly long maxRows = (long)limits.MaxDataRows + 1000;
        private CountingStream? stream;
        private XmlReader? reader;
        private int sheetDataDepth = -1;
        private bool finished;
        private int peekedRow;
        private int lastXmlRow;
        private int nextMerge;
        private int touched = -1;
        private int nextRow = 1;
        private long produced;

        public GridRow Current { get; private set; } = null!;

        public bool MoveNext()
        {
            try
            {
                while (true)
                {
                    var xmlRow = PeekRow();
                    DropMergesAbove(nextRow);
                    if (nextRow < xmlRow && active.Exists(merge => merge.Value is not null))
                    {
                        // A row absent from the part that a merge from above still covers: it holds the merge's value.
                        var number = nextRow++;
                        ActivateMerges(number, fromPart: false);
                        DropMergesAbove(number);
                        ApplyMerges(number);
                        if (Take(number))
                        {
                            return true;
                        }

                        continue;
                    }

                    if (xmlRow == NoMoreRows)
                    {
                        return false;
                    }

                    ReadRowCells(xmlRow);
                    peekedRow = 0;
                    nextRow = xmlRow + 1;
                    ActivateMerges(xmlRow, fromPart: true);
                    DropMergesAbove(xmlRow);
                    ApplyMerges(xmlRow);
                    if (Take(xmlRow))
                    {
                        return true;
                    }
                }
            }
            catch (Exception error) when (error is XmlException or InvalidDataException)
            {
                throw PartError(sheet.Part, error);
            }
        }

        public void Dispose()
        {
            reader?.Dispose();
            stream?.Dispose();
        }

        /// <summary>The number of the next <c>row</c> element, with the reader on it; <see cref="NoMoreRows"/> after the last.</summary>
        private int PeekRow()
        {
            if (peekedRow != 0)
            {
                return peekedRow;
            }

            if (finished)
            {
                return NoMoreRows;
            }

            if (reader is null)
            {
                stream = package.Reopen(sheet.Part, sheetBytes);
                reader = XmlReader.Create(stream, XmlSettings());
                while (sheetDataDepth < 0 && reader.Read())
                {
                    if (IsMain(reader, "sheetData"))
                    {
                        if (reader.IsEmptyElement)
                        {
                            break;
                        }

                        sheetDataDepth = reader.Depth;
                    }
                }

                if (sheetDataDepth < 0)
                {
                    finished = true;
                    return NoMoreRows;
                }
            }

            while (reader.Read())
            {
                if (reader.Depth <= sheetDataDepth)
                {
                    break;
                }

                if (reader.Depth == sheetDataDepth + 1 && IsMain(reader, "row"))
                {
                    peekedRow = RowNumber(reader.GetAttribute("r"));
                    lastXmlRow = peekedRow;
                    return peekedRow;
                }
            }

            finished = true;
            return NoMoreRows;
        }

        private int RowNumber(string? r)
        {
            if (r is null)
            {
                if (lastXmlRow >= MaxSheetRows)
                {
                    throw ReturnReadException.Format(Invariant($"The worksheet '{sheet.Name}' has a row after row {MaxSheetRows}, the last row of a worksheet."));
                }

                return lastXmlRow + 1;
            }

            if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > MaxSheetRows)
            {
                throw ReturnReadException.Format(Invariant($"The worksheet '{sheet.Name}' has a row numbered '{r}', which is not a row number from 1 to {MaxSheetRows}."));
            }

            if (number <= lastXmlRow)
            {
                throw ReturnReadException.Format(Invariant($"The worksheet '{sheet.Name}' lists row {number} after row {lastXmlRow}; rows must be in ascending order."), number);
            }

            return number;
        }

        /// <summary>Reads the cells of the row element under the reader into the scratch row; ends on the row's end tag.</summary>
        private void ReadRowCells(int row)
        {
            var xml = reader!;
            if (xml.IsEmptyElement)
            {
                return;
            }

            var depth = xml.Depth;
            var column = -1;
            xml.Read();
            while (xml.Depth > depth)
            {
                if (IsMain(xml, "c"))
                {
                    column = ReadCell(xml, row, column);
                }
                else if (xml.NodeType == XmlNodeType.Element)
                {
                    xml.Skip();
                }
                else
                {
                    xml.Read();
                }
            }
        }

        /// <summary>Reads one <c>c</c> element into the scratch row and returns its column; ends after the element.</summary>
        private int ReadCell(XmlReader xml, int row, int previousColumn)
        {
            var reference = xml.GetAttribute("r");
            int column;
            if (reference is null)
            {
                column = previousColumn + 1;
                if (column >= MaxColumns)
                {
                    throw ReturnReadException.Format(Invariant($"The worksheet '{sheet.Name}' has a cell after column XFD in row {row}."), row);
                }
            }
            else if (!TryParseCellReference(reference, out _, out column))
            {
                throw ReturnReadException.Format(Invariant($"The worksheet '{sheet.Name}' has a cell reference '{reference}' in row {row} that is not a cell such as C4."), row);
            }

            var type = xml.GetAttribute("t");
            string? cached = null;
            string? inline = null;
            if (xml.IsEmptyElement)
            {
                xml.Read();
            }
            else
            {
                var depth = xml.Depth;
                xml.Read();
                while (xml.Depth > depth)
                {
                    if (IsMain(xml, "v"))
                    {
                        cached = xml.ReadElementContentAsString();
                    }
                    else if (IsMain(xml, "is"))
                    {
                        inline = ReadRichText(xml);
                        xml.Read();
                    }
                    else if (xml.NodeType == XmlNodeType.Element)
                    {
                        xml.Skip(); // f (the formula: its cached value is in v), extLst
                    }
                    else
                    {
                        xml.Read();
                    }
                }

                xml.Read();
            }

            var text = CellText(type, cached, inline, row, column);
            cells[column] = string.IsNullOrEmpty(text) ? null : text;
            touched = Math.Max(touched, column);
            return column;
        }

        private string? CellText(string? type, string? cached, string? inline, int row, int column)
        {
            switch (type)
            {
                case "inlineStr":
                    return inline ?? cached;
                case "s":
                    if (string.IsNullOrEmpty(cached))
                    {
                        return null;
                    }

                    if (!int.TryParse(cached, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= sharedStrings.Count)
                    {
                        throw ReturnReadException.Format(
                            Invariant($"Cell {ColumnName(column)}{row} of the worksheet '{sheet.Name}' refers to shared string '{cached}', but the workbook has {sharedStrings.Count} shared strings."),
                            row,
                            ColumnName(column));
                    }

                    return sharedStrings[index];
                case "b":
                    return cached switch
                    {
                        "1" or "true" => "TRUE",
                        "0" or "false" => "FALSE",
                        _ => cached,
                    };
                case "str":
                    return cached is null ? null : DecodeEscapes(cached);
                case null or "n":
                    return string.IsNullOrEmpty(cached) ? null : FormatNumber(cached);
                default:
                    return cached; // e (error text such as #DIV/0!), d (ISO date text)
            }
        }

        private void ActivateMerges(int row, bool fromPart)
        {
            while (nextMerge < merges.Length && merges[nextMerge].Top <= row)
            {
                var merge = merges[nextMerge++];
                // A merge whose top row is absent from the part has no value to carry.
                var value = fromPart && merge.Top == row ? cells[merge.Left] : null;
                active.Add(new ActiveMerge(merge, value));
            }
        }

        private void DropMergesAbove(int row)
        {
            var kept = 0;
            for (var i = 0; i < active.Count; i++)
            {
                if (active[i].Range.Bottom >= row)
                {
                    active[kept++] = active[i];
                }
            }

            active.RemoveRange(kept, active.Count - kept);
        }

        private void ApplyMerges(int row)
        {
            foreach (var (range, value) in active)
            {
                for (var column = range.Left; column <= range.Right; column++)
                {
                    cells[column] = value;
                    continuation[column] = row != range.Top || column != range.Left;
                }

                touched = Math.Max(touched, range.Right);
            }
        }

        /// <summary>Turns the scratch row into <see cref="Current"/> when it has a non-empty cell, and clears it.</summary>
        private bool Take(int row)
        {
            var last = touched;
            while (last >= 0 && cells[last] is null)
            {
                last--;
            }

            if (last >= 0)
            {
                if (++produced > maxRows)
                {
                    throw ReturnReadException.Limit(
                        Invariant($"The worksheet '{sheet.Name}' has more than {maxRows} rows; a return has at most {maxDataRows} data rows."), row);
                }

                var flags = continuation.AsSpan(0, last + 1);
                Current = new GridRow(row, cells.AsSpan(0, last + 1).ToArray(), flags.Contains(true) ? flags.ToArray() : null);
            }

            Array.Clear(cells, 0, touched + 1);
            Array.Clear(continuation, 0, touched + 1);
            touched = -1;
            return last >= 0;
        }
    }
}
