using System.Globalization;
using System.Xml;
using static System.FormattableString;
using static QiIngest.Core.Reading.Xlsx.SpreadsheetXml;

namespace QiIngest.Core.Reading.Xlsx;

/// <summary>
/// The second pass over the sheet part: streams its rows and lays the merged ranges over them, keeping only
/// the ranges still ahead and those that cover the current row.
/// </summary>
internal sealed class SheetRowReader(XlsxPackage package, XlsxSheet sheet, SharedStringReader sharedStrings, CellStyles styles, MergedRange[] merges, long sheetBytes, IngestLimits limits) : IDisposable
{
    private const int NoMoreRows = int.MaxValue;

    private readonly ReadOnlyMemory<char>[] cells = new ReadOnlyMemory<char>[MaxColumns];
    private readonly bool[] continuation = new bool[MaxColumns];
    private readonly bool[] dates = new bool[MaxColumns];
    private readonly List<ActiveMerge> active = [];
    private char[] rowText = new char[1024];
    private int rowTextUsed;
    private readonly int maxDataRows = limits.MaxDataRows;
    private readonly long maxRows = (long)limits.MaxDataRows + 1000;
    private ByteBudgetStream? stream;
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
                if (nextRow < xmlRow && active.Exists(merge => !merge.Value.IsEmpty))
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
                    sharedStrings.ReadToEnd();
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
            reader = XmlReader.Create(stream, SpreadsheetXml.Settings());
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
                throw ReturnReadException.Format(
                    Invariant($"The worksheet '{sheet.Name}' has a row after row {MaxSheetRows}, the last row of a worksheet."),
                    zh: Invariant($"工作表“{sheet.Name}”在第 {MaxSheetRows} 行（工作表的最后一行）之后还有行。请用 Excel 重新保存工作簿，或上传 CSV。"));
            }

            return lastXmlRow + 1;
        }

        if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > MaxSheetRows)
        {
            throw ReturnReadException.Format(
                Invariant($"The worksheet '{sheet.Name}' has a row numbered '{r}', which is not a row number from 1 to {MaxSheetRows}."),
                zh: Invariant($"工作表“{sheet.Name}”中有一行的行号是“{r}”，不是 1 至 {MaxSheetRows} 之间的行号。请用 Excel 重新保存工作簿，或上传 CSV。"));
        }

        if (number <= lastXmlRow)
        {
            throw ReturnReadException.Format(
                Invariant($"The worksheet '{sheet.Name}' lists row {number} after row {lastXmlRow}; rows must be in ascending order."),
                number,
                zh: Invariant($"工作表“{sheet.Name}”把第 {number} 行列在第 {lastXmlRow} 行之后；行必须按升序排列。请用 Excel 重新保存工作簿，或上传 CSV。"));
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
                throw ReturnReadException.Format(
                    Invariant($"The worksheet '{sheet.Name}' has a cell after column XFD in row {row}."),
                    row,
                    zh: Invariant($"工作表“{sheet.Name}”第 {row} 行在 XFD 列之后还有单元格。请用 Excel 重新保存工作簿，或上传 CSV。"));
            }
        }
        else if (!TryParseCellReference(reference, out _, out column))
        {
            throw ReturnReadException.Format(
                Invariant($"The worksheet '{sheet.Name}' has a cell reference '{reference}' in row {row} that is not a cell such as C4."),
                row,
                zh: Invariant($"工作表“{sheet.Name}”第 {row} 行的单元格引用“{reference}”不是 C4 这样的单元格。请用 Excel 重新保存工作簿，或上传 CSV。"));
        }

        var type = xml.GetAttribute("t");
        var style = xml.GetAttribute("s");
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
                    inline = CellValues.ReadRichText(xml);
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

        var numeric = type is null or "n" && !string.IsNullOrEmpty(cached);
        var format = numeric ? styles.Kind(style) : NumberFormatKind.Number;
        cells[column] = format == NumberFormatKind.Percent ? CellValues.FormatPercent(cached!).AsMemory() : CellText(type, cached, inline, row, column);
        dates[column] = format == NumberFormatKind.Date;
        touched = Math.Max(touched, column);
        return column;
    }

    private ReadOnlyMemory<char> CellText(string? type, string? cached, string? inline, int row, int column)
    {
        switch (type)
        {
            case "inlineStr":
                return (inline ?? cached).AsMemory();
            case "s":
                if (string.IsNullOrEmpty(cached))
                {
                    return default;
                }

                if (!int.TryParse(cached, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || !sharedStrings.TryReach(index))
                {
                    sharedStrings.ReadToEnd(); // for their count
                    throw ReturnReadException.Format(
                        Invariant($"Cell {ColumnName(column)}{row} of the worksheet '{sheet.Name}' refers to shared string '{cached}', but the workbook has {sharedStrings.Count} shared strings."),
                        row,
                        ColumnName(column),
                        Invariant($"工作表“{sheet.Name}”的单元格 {ColumnName(column)}{row} 引用了共享字符串“{cached}”，但工作簿只有 {sharedStrings.Count} 个共享字符串。请用 Excel 重新保存工作簿，或上传 CSV。"));
                }

                return SharedString(index);
            case "b":
                return (cached switch
                {
                    "1" or "true" => "TRUE",
                    "0" or "false" => "FALSE",
                    _ => cached,
                }).AsMemory();
            case "str":
                return cached is null ? default : DecodeEscapes(cached).AsMemory();
            case null or "n":
                return string.IsNullOrEmpty(cached) ? default : CellValues.FormatNumber(cached).AsMemory();
            default:
                return cached.AsMemory(); // e (error text such as #DIV/0!), d (ISO date text)
        }
    }

    /// <summary>Decodes a shared string into the row's text buffer, which <see cref="Take"/> empties once the row is copied.</summary>
    private ReadOnlyMemory<char> SharedString(int index)
    {
        var table = sharedStrings.Table;
        var max = table.MaxChars(index);
        if (rowText.Length - rowTextUsed < max)
        {
            // The row's earlier cells keep the old buffer.
            rowText = new char[Math.Max(rowText.Length * 2, max)];
            rowTextUsed = 0;
        }

        var text = rowText.AsMemory(rowTextUsed, table.Decode(index, rowText.AsSpan(rowTextUsed, max)));
        rowTextUsed += text.Length;
        return text;
    }

    private void ActivateMerges(int row, bool fromPart)
    {
        while (nextMerge < merges.Length && merges[nextMerge].Top <= row)
        {
            var merge = merges[nextMerge++];
            // A merge whose top row is absent from the part has no value to carry.
            var top = fromPart && merge.Top == row;
            // Its own copy: the row's text buffer is refilled for the next row.
            active.Add(new ActiveMerge(merge, top ? cells[merge.Left].ToArray() : default, top && dates[merge.Left]));
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
        foreach (var (range, value, date) in active)
        {
            for (var column = range.Left; column <= range.Right; column++)
            {
                cells[column] = value;
                dates[column] = date;
                continuation[column] = row != range.Top || column != range.Left;
            }

            touched = Math.Max(touched, range.Right);
        }
    }

    /// <summary>Turns the scratch row into <see cref="Current"/> when it has a non-empty cell, and clears it.</summary>
    private bool Take(int row)
    {
        var last = touched;
        while (last >= 0 && cells[last].IsEmpty)
        {
            last--;
        }

        if (last >= 0)
        {
            if (++produced > maxRows)
            {
                throw ReturnReadException.Limit(
                    Invariant($"The worksheet '{sheet.Name}' has more than {maxRows} rows; a return has at most {maxDataRows} data rows."),
                    row,
                    Invariant($"工作表“{sheet.Name}”超过 {maxRows} 行；报表最多 {maxDataRows} 个数据行。请拆分为多份报表，或请国家局提高上限。"));
            }

            var flags = continuation.AsSpan(0, last + 1);
            var dated = dates.AsSpan(0, last + 1);
            Current = new GridRow(row, cells.AsSpan(0, last + 1), flags.Contains(true) ? flags.ToArray() : null, dated.Contains(true) ? dated.ToArray() : null);
        }

        rowTextUsed = 0;
        Array.Clear(cells, 0, touched + 1);
        Array.Clear(continuation, 0, touched + 1);
        Array.Clear(dates, 0, touched + 1);
        touched = -1;
        return last >= 0;
    }

    private readonly record struct ActiveMerge(MergedRange Range, ReadOnlyMemory<char> Value, bool Date);
}
