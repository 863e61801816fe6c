namespace QiIngest.Core.Reading;

/// <summary>
/// One row of a CSV or worksheet, before any interpretation. The CSV reader refills one instance per row (its cells are
/// valid until the next row is read, which the lazy pipeline never outlives); the XLSX reader makes one per row.
/// </summary>
internal sealed class GridRow
{
    private char[] _text;
    private int[] _starts;
    private int[] _lengths;
    private int _textLength;
    private bool[]? _mergeContinuation;
    private bool[]? _dateFormatted;

    /// <summary>A row of worksheet cells.</summary>
    /// <param name="number">1-based line (CSV) or sheet row number (XLSX).</param>
    /// <param name="cells">Cell texts by 0-based column; null or empty for an empty cell. Merged data cells carry the merge's value.</param>
    /// <param name="mergeContinuation">True for a cell that is covered by a merge but is not its top-left cell; null when the row has none.</param>
    /// <param name="dateFormatted">True for a numeric XLSX cell in a date or time format; null when the row has none.</param>
    public GridRow(int number, string?[] cells, bool[]? mergeContinuation = null, bool[]? dateFormatted = null)
    {
        // A row made once is sized to its cells; only the CSV reader's refilled row grows.
        _text = new char[cells.Sum(c => c?.Length ?? 0)];
        _starts = new int[Math.Max(1, cells.Length)];
        _lengths = new int[Math.Max(1, cells.Length)];
        Start(number);
        foreach (var cell in cells)
        {
            Add(cell);
        }

        _mergeContinuation = mergeContinuation;
        _dateFormatted = dateFormatted;
    }

    /// <summary>A row of worksheet cells, copied from the reader's scratch row.</summary>
    /// <param name="number">1-based sheet row number.</param>
    /// <param name="cells">Cell texts by 0-based column; empty for an empty cell.</param>
    /// <param name="mergeContinuation">As for the other constructor.</param>
    /// <param name="dateFormatted">As for the other constructor.</param>
    public GridRow(int number, ReadOnlySpan<ReadOnlyMemory<char>> cells, bool[]? mergeContinuation, bool[]? dateFormatted)
    {
        var length = 0;
        foreach (var cell in cells)
        {
            length += cell.Length;
        }

        _text = new char[length];
        _starts = new int[Math.Max(1, cells.Length)];
        _lengths = new int[Math.Max(1, cells.Length)];
        Start(number);
        foreach (var cell in cells)
        {
            Add(cell.Span);
        }

        _mergeContinuation = mergeContinuation;
        _dateFormatted = dateFormatted;
    }

    /// <summary>An empty row to be filled with <see cref="Start"/> and <see cref="Add"/>.</summary>
    public GridRow()
    {
        _text = new char[256];
        _starts = new int[8];
        _lengths = new int[8];
    }

    /// <summary>1-based line (CSV) or sheet row number (XLSX).</summary>
    public int Number { get; private set; }

    /// <summary>How many cells the row has.</summary>
    public int Count { get; private set; }

    /// <summary>The cells as strings, null for an empty cell (for tests and diagnostics; the readers use <see cref="Span"/>).</summary>
    public string?[] Cells => [.. Enumerable.Range(0, Count).Select(i => Span(i) is { IsEmpty: false } span ? span.ToString() : null)];

    /// <summary>For XLSX: true for a cell that is covered by a merge but is not its top-left cell; null when the row has none.</summary>
    public bool[]? MergeContinuation => _mergeContinuation;

    /// <summary>The cell's text as a span; empty for an empty cell, a column past the row's end or -1.</summary>
    public ReadOnlySpan<char> Span(int column) => column >= 0 && column < Count ? _text.AsSpan(_starts[column], _lengths[column]) : default;

    public bool IsContinuation(int column) => _mergeContinuation is not null && column < _mergeContinuation.Length && _mergeContinuation[column];

    /// <summary>For XLSX: true for a numeric cell in a date or time format (section 5.5), whose number is not a figure.</summary>
    public bool IsDateFormatted(int column) => _dateFormatted is not null && column >= 0 && column < _dateFormatted.Length && _dateFormatted[column];

    /// <summary>Empties the row for the next line's cells.</summary>
    public void Start(int number)
    {
        Number = number;
        Count = 0;
        _textLength = 0;
        _mergeContinuation = null;
        _dateFormatted = null;
    }

    /// <summary>Appends a cell, copying its text into the row's own buffer.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        if (_textLength + text.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + text.Length));
        }

        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }

        text.CopyTo(_text.AsSpan(_textLength));
        _starts[Count] = _textLength;
        _lengths[Count] = text.Length;
        _textLength += text.Length;
        Count++;
    }

    /// <summary>Replaces the row's text with a CSV record's, whose fields <see cref="AddPlaced"/> then names by place.</summary>
    public void SetText(ReadOnlySpan<char> text)
    {
        if (text.Length > _text.Length)
        {
            _text = new char[Math.Max(_text.Length * 2, text.Length)];
        }

        text.CopyTo(_text);
        _textLength = text.Length;
    }

    /// <summary>Appends a cell that is the text at <paramref name="start"/> of what <see cref="SetText"/> gave.</summary>
    public void AddPlaced(int start, int length)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }

        _starts[Count] = start;
        _lengths[Count] = length;
        Count++;
    }

    /// <summary>
    /// Appends a cell given as UTF-8, decoding it into the row's own buffer; false (and no cell) for bytes that are not
    /// valid UTF-8, with the offset of the first of them.
    /// </summary>
    public bool TryAddUtf8(ReadOnlySpan<byte> utf8, out int invalidAt)
    {
        // UTF-8 never has fewer bytes than UTF-16 has chars.
        if (_textLength + utf8.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + utf8.Length));
        }

        var status = System.Text.Unicode.Utf8.ToUtf16(utf8, _text.AsSpan(_textLength), out invalidAt, out var written, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        invalidAt = -1;
        Add(default);
        _lengths[Count - 1] = written;
        _textLength += written;
        return true;
    }

    /// <summary>
    /// Appends a raw CSV field, unquoting it as RFC 4180 says; false (with what is wrong) for a quote inside an unquoted
    /// field, text after a closing quote, or a quote that is never closed.
    /// </summary>
    public bool TryAddCsvField(ReadOnlySpan<char> raw, out CsvFieldProblem problem)
    {
        problem = default;
        var quote = raw.IndexOf('"');
        if (quote < 0)
        {
            Add(raw);
            return true;
        }

        if (quote > 0)
        {
            problem = CsvFieldProblem.QuoteInUnquotedField;
            return false;
        }

        // Inside the quotes, "" is one quote and a lone quote closes the field: it must be the last character.
        Add(default);
        var rest = raw[1..];
        while (true)
        {
            var next = rest.IndexOf('"');
            if (next < 0)
            {
                problem = CsvFieldProblem.UnterminatedQuote;
                return false;
            }

            Append(rest[..next]);
            if (next + 1 < rest.Length && rest[next + 1] == '"')
            {
                Append("\"");
                rest = rest[(next + 2)..];
                continue;
            }

            if (next + 1 < rest.Length)
            {
                problem = CsvFieldProblem.TextAfterClosingQuote;
                return false;
            }

            return true;
        }
    }

    /// <summary>Extends the last cell with more text.</summary>
    private void Append(ReadOnlySpan<char> text)
    {
        if (_textLength + text.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + text.Length));
        }

        text.CopyTo(_text.AsSpan(_textLength));
        _textLength += text.Length;
        _lengths[Count - 1] += text.Length;
    }
}

/// <summary>How a CSV field breaks RFC 4180 (section 7).</summary>
internal enum CsvFieldProblem
{
    None,
    QuoteInUnquotedField,
    TextAfterClosingQuote,
    UnterminatedQuote,
}
