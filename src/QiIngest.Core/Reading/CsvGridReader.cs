using nietras.SeparatedValues;

namespace QiIngest.Core.Reading;

/// <summary>Streams the rows of a CSV (RFC 4180 quotes, comma, LF or CRLF) in the encoding section 7 detects.</summary>
internal static class CsvGridReader
{
    public static IEnumerable<GridRow> Read(Stream content)
    {
        using var text = TextDecoding.Open(content);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(text);
        foreach (var row in reader)
        {
            var cells = new string?[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
            {
                var span = row[i].Span;
                cells[i] = span.IsEmpty ? null : span.ToString();
            }

            // Sep 0.17 reports the first row's LineNumberFrom as 2; the first row always starts on line 1.
            yield return new GridRow(row.RowIndex == 0 ? 1 : row.LineNumberFrom, cells);
        }
    }
}
