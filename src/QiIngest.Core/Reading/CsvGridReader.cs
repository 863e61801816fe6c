using nietras.SeparatedValues;

namespace QiIngest.Core.Reading;

/// <summary>Streams the rows of a CSV (RFC 4180 quotes, comma, LF or CRLF) in the encoding section 7 detects.</summary>
internal static class CsvGridReader
{
    /// <summary>The rows; the same <see cref="GridRow"/> is refilled for each, so use a row before reading the next.</summary>
    public static IEnumerable<GridRow> Read(Stream content)
    {
        using var text = TextDecoding.Open(content);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
        var row = new GridRow();
        foreach (var line in reader)
        {
            // Sep 0.17 reports the first row's LineNumberFrom as 2; the first row always starts on line 1.
            row.Start(line.RowIndex == 0 ? 1 : line.LineNumberFrom);
            for (var i = 0; i < line.ColCount; i++)
            {
                row.Add(line[i].Span);
            }

            yield return row;
        }
    }
}
