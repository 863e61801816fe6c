using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using nietras.SeparatedValues;

namespace QiIngest.Core.Reading;

/// <summary>
/// Streams the rows of a CSV (comma; LF, CRLF or a lone CR) in the encoding section 7 detects. Quotes must follow
/// RFC 4180: anything else is a <c>format-error</c> at the line where the record starts, and reading stops.
/// </summary>
internal static class CsvGridReader
{
    /// <summary>The rows; the same <see cref="GridRow"/> is refilled for each, so use a row before reading the next.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="fastPath">False to read every record field by field (the slow path the fast one must agree with).</param>
    public static IEnumerable<GridRow> Read(Stream content, bool fastPath = true)
    {
        using var text = TextDecoding.Open(content);

        // Sep splits on quotes without judging them; the raw fields are checked and unescaped here.
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false }).From(text);
        var row = new GridRow();
        var nextLine = 1;
        while (MoveNext(reader, nextLine))
        {
            var line = reader.Current;

            // Sep 0.17 reports the first row's LineNumberFrom as 2; the first row always starts on line 1.
            var start = line.RowIndex == 0 ? 1 : line.LineNumberFrom;
            nextLine = line.LineNumberToExcl;
            row.Start(start);
            if (!fastPath || !TryFillUnquoted(row, line))
            {
                for (var i = 0; i < line.ColCount; i++)
                {
                    if (!row.TryAddCsvField(line[i].Span, out var problem))
                    {
                        throw ReturnReadException.Format(Describe(problem, start), start, zh: DescribeZh(problem, start));
                    }
                }
            }

            yield return row;
        }
    }

    /// <summary>
    /// The fast path for a record without a quote (nearly every record): its text is copied once and each field is its
    /// place in it, which is what <see cref="GridRow.TryAddCsvField"/> gives an unquoted field. False (and the row left
    /// empty) when the record has a quote, or a field that is not a slice of the record's text, for the slow path.
    /// </summary>
    private static bool TryFillUnquoted(GridRow row, SepReader.Row line)
    {
        var text = line.Span;
        if (text.Contains('"'))
        {
            return false;
        }

        row.SetText(text);
        ref var origin = ref MemoryMarshal.GetReference(text);
        for (var i = 0; i < line.ColCount; i++)
        {
            var field = line[i].Span;
            var offset = Unsafe.ByteOffset(ref origin, ref MemoryMarshal.GetReference(field)) / sizeof(char);
            if (offset < 0 || offset + field.Length > text.Length)
            {
                row.Start(row.Number);
                return false;
            }

            row.AddPlaced((int)offset, field.Length);
        }

        return true;
    }

    /// <summary>The next record; Sep's refusal of a record past its buffer (a quote never closed, as a rule) is a format error.</summary>
    private static bool MoveNext(SepReader rows, int line)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (NotSupportedException)
        {
            throw ReturnReadException.Format($"The record that starts on line {line} is longer than {MaxRecordChars:N0} characters: a quote that is never closed makes the rest of the file one field. Close the quote (a quote inside a field is written \"\"), or export the file again as CSV.", line, zh: $"从第 {line} 行开始的记录超过 {MaxRecordChars:N0} 个字符：未闭合的引号会使文件其余部分成为一个字段。请闭合引号（字段内的引号写作 \"\"），或重新导出为 CSV。");
        }
    }

    /// <summary>Sep's longest record (its buffer's limit).</summary>
    private const int MaxRecordChars = 16 * 1024 * 1024;

    private static string DescribeZh(CsvFieldProblem problem, int line) => problem switch
    {
        CsvFieldProblem.QuoteInUnquotedField => $"从第 {line} 行开始的记录中，有字段不以引号开头却含有引号，不符合 CSV（RFC 4180）：请给整个字段加引号并把其中的引号写作 \"\"，或删除该引号。",
        CsvFieldProblem.TextAfterClosingQuote => $"从第 {line} 行开始的记录中，有字段在闭合引号之后还有文字，不符合 CSV（RFC 4180）：带引号的字段到闭合引号为止；字段内的引号写作 \"\"。",
        _ => $"从第 {line} 行开始的记录中有未闭合的引号，文件其余部分都成了一个字段（RFC 4180）：请闭合引号，或把字段内的引号写作 \"\"。",
    };

    private static string Describe(CsvFieldProblem problem, int line) => problem switch
    {
        CsvFieldProblem.QuoteInUnquotedField => $"The record that starts on line {line} has a quote inside a field that does not start with one, so it is not a CSV (RFC 4180): put the whole field in quotes and write the quote as \"\", or remove it.",
        CsvFieldProblem.TextAfterClosingQuote => $"The record that starts on line {line} has text after the closing quote of a field, so it is not a CSV (RFC 4180): a quoted field ends at its closing quote; write a quote inside a field as \"\".",
        _ => $"The record that starts on line {line} opens a quote that is never closed, so the rest of the file is one field (RFC 4180): close the quote, or write a quote inside a field as \"\".",
    };
}
