using nietras.SeparatedValues;

namespace QiIngest.Core.Reading;

/// <summary>
/// Streams the rows of a CSV (comma; LF, CRLF or a lone CR) in the encoding section 7 detects. Quotes must follow
/// RFC 4180: anything else is a <c>format-error</c> at the line where the record starts, and reading stops.
/// </summary>
internal static class CsvGridReader
{
    /// <summary>The rows; the same <see cref="GridRow"/> is refilled for each, so use a row before reading the next.</summary>
    public static IEnumerable<GridRow> Read(Stream content)
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
            for (var i = 0; i < line.ColCount; i++)
            {
                if (!row.TryAddCsvField(line[i].Span, out var problem))
                {
                    throw ReturnReadException.Format(Describe(problem, start), start);
                }
            }

            yield return row;
        }
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
            throw ReturnReadException.Format($"The record that starts on line {line} is longer than {MaxRecordChars:N0} characters: a quote that is never closed makes the rest of the file one field. Close the quote (a quote inside a field is written \"\"), or export the file again as CSV.", line);
        }
    }

    /// <summary>Sep's longest record (its buffer's limit).</summary>
    private const int MaxRecordChars = 16 * 1024 * 1024;

    private static string Describe(CsvFieldProblem problem, int line) => problem switch
    {
        CsvFieldProblem.QuoteInUnquotedField => $"The record that starts on line {line} has a quote inside a field that does not start with one, so it is not a CSV (RFC 4180): put the whole field in quotes and write the quote as \"\", or remove it.",
        CsvFieldProblem.TextAfterClosingQuote => $"The record that starts on line {line} has text after the closing quote of a field, so it is not a CSV (RFC 4180): a quoted field ends at its closing quote; write a quote inside a field as \"\".",
        _ => $"The record that starts on line {line} opens a quote that is never closed, so the rest of the file is one field (RFC 4180): close the quote, or write a quote inside a field as \"\".",
    };
}
