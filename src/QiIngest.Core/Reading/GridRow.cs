namespace QiIngest.Core.Reading;

/// <summary>
/// One row of a CSV or worksheet, before any interpretation. The CSV reader refills one instance per row (its cells are
/// valid until the next row is read, which the lazy pipeline never outlives); the XLSX reader makes one per row.
/// </summary>
internal sealed class GridRow
{
    private ReadOnlyMemory<char>[] _cells;
    private char[] _text = [];
    private int _textLength;
    private bool[]? _mergeContinuation;

    /// <summary>A row of worksheet cells.</summary>
    /// <param name="number">1-based line (CSV) or sheet row number (XLSX).</param>
    /// <param name="cells">Cell texts by 0-based column; null or empty for an empty cell. Merged data cells carry the merge's value.</param>
    /// <param name="mergeContinuation">True for a cell that is covered by a merge but is not its top-left cell; null when the row has none.</param>
    public GridRow(int number, string?[] cells, bool[]? mergeContinuation = null)
    {
        Number = number;
        _cells = [.. cells.Select(c => c.AsMemory())];
        Count = cells.Length;
        _mergeContinuation = mergeContinuation;
    }

    /// <summary>An empty row to be filled with <see cref="Start"/> and <see cref="Add"/>.</summary>
    public GridRow()
    {
        _cells = new ReadOnlyMemory<char>[8];
    }

    /// <summary>1-based line (CSV) or sheet row number (XLSX).</summary>
    public int Number { get; private set; }

    /// <summary>How many cells the row has.</summary>
    public int Count { get; private set; }

    /// <summary>The cell's text; empty for an empty cell or a column past the row's end.</summary>
    public ReadOnlyMemory<char> this[int column] => column < Count ? _cells[column] : default;

    /// <summary>The cells as strings, null for an empty cell (for tests and diagnostics; the readers use the indexer).</summary>
    public string?[] Cells => [.. _cells.Take(Count).Select(c => c.IsEmpty ? null : c.ToString())];

    /// <summary>For XLSX: true for a cell that is covered by a merge but is not its top-left cell; null when the row has none.</summary>
    public bool[]? MergeContinuation => _mergeContinuation;

    public bool IsContinuation(int column) => _mergeContinuation is not null && column < _mergeContinuation.Length && _mergeContinuation[column];

    /// <summary>Empties the row for the next line's cells.</summary>
    public void Start(int number)
    {
        Number = number;
        Count = 0;
        _textLength = 0;
        _mergeContinuation = null;
    }

    /// <summary>Appends a cell, copying its text into the row's own buffer.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        if (_textLength + text.Length > _text.Length)
        {
            // Cells already added keep the old buffer, whose text does not change.
            _text = new char[Math.Max(_text.Length * 2, _textLength + text.Length + 256)];
            _textLength = 0;
        }

        text.CopyTo(_text.AsSpan(_textLength));
        if (Count == _cells.Length)
        {
            Array.Resize(ref _cells, Count * 2);
        }

        _cells[Count++] = new ReadOnlyMemory<char>(_text, _textLength, text.Length);
        _textLength += text.Length;
    }
}
