namespace QiIngest.Core.Reading.Xlsx;

/// <summary>
/// The workbook's shared strings, stored compactly within a memory budget: their characters one after another in
/// 64 KiB chunks and the end of each string in chunks of ints, 2 bytes a character and 4 a string (a
/// <c>List&lt;string&gt;</c> takes about 32 bytes for a one-letter string, so a shared-strings part inside the
/// decompression limit could need more than twice that limit in memory).
/// </summary>
internal sealed class SharedStringTable
{
    private const int CharBits = 15;
    private const int CharChunk = 1 << CharBits; // 64 KiB of chars: off the large object heap
    private const int EndBits = 14;
    private const int EndChunk = 1 << EndBits; // 64 KiB of ints

    private readonly List<char[]> chars = [];
    private readonly List<int[]> ends = [];
    private readonly long budget;
    private readonly Func<ReturnReadException> overrun;
    private int length;
    private int start;
    private bool underscore;

    /// <param name="budget">The most bytes the chunks may take.</param>
    /// <param name="overrun">The error when they would take more.</param>
    public SharedStringTable(long budget, Func<ReturnReadException> overrun)
    {
        // Positions are ints: at most 2^30 characters, whatever the budget.
        this.budget = Math.Min(budget, 1L << 31);
        this.overrun = overrun;
    }

    /// <summary>A table with no strings.</summary>
    public static SharedStringTable Empty { get; } = new(0, () => throw new InvalidOperationException("The empty table takes no strings."));

    /// <summary>How many strings the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes its chunks take.</summary>
    public long MemoryBytes => (chars.Count * (long)CharChunk * sizeof(char)) + (ends.Count * (long)EndChunk * sizeof(int));

    /// <summary>
    /// The string at <paramref name="index"/>: a slice of the table where it lies in one chunk (the common case, so that
    /// a row of shared strings allocates nothing), a new string where it spans chunks.
    /// </summary>
    public ReadOnlyMemory<char> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var from = index == 0 ? 0 : End(index - 1);
            var to = End(index);
            if (from == to)
            {
                return ReadOnlyMemory<char>.Empty;
            }

            var chunk = from >> CharBits;
            if (chunk == (to - 1) >> CharBits)
            {
                return chars[chunk].AsMemory(from & (CharChunk - 1), to - from);
            }

            var text = new char[to - from];
            for (var i = from; i < to; i++)
            {
                text[i - from] = At(i);
            }

            return text;
        }
    }

    /// <summary>Appends characters to the string being read.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        underscore |= text.Contains('_');
        while (!text.IsEmpty)
        {
            var offset = length & (CharChunk - 1);
            if (offset == 0 && length >> CharBits == chars.Count)
            {
                Reserve(CharChunk * sizeof(char));
                chars.Add(new char[CharChunk]);
            }

            var n = Math.Min(text.Length, CharChunk - offset);
            text[..n].CopyTo(chars[length >> CharBits].AsSpan(offset));
            length += n;
            text = text[n..];
        }
    }

    /// <summary>Ends the string being read: undoes Excel's <c>_xHHHH_</c> escapes in it and records where it ends.</summary>
    public void EndString()
    {
        if (underscore)
        {
            DecodeEscapes();
            underscore = false;
        }

        if ((Count & (EndChunk - 1)) == 0 && Count >> EndBits == ends.Count)
        {
            Reserve(EndChunk * sizeof(int));
            ends.Add(new int[EndChunk]);
        }

        ends[Count >> EndBits][Count & (EndChunk - 1)] = length;
        Count++;
        start = length;
    }

    private int End(int index) => ends[index >> EndBits][index & (EndChunk - 1)];

    private char At(int position) => chars[position >> CharBits][position & (CharChunk - 1)];

    private void Reserve(long bytes)
    {
        if (MemoryBytes + bytes > budget)
        {
            throw overrun();
        }
    }

    /// <summary>Rewrites the current string in place, each escape as its character (the string only shrinks).</summary>
    private void DecodeEscapes()
    {
        Span<char> escape = stackalloc char[7];
        var write = start;
        for (var read = start; read < length; read++)
        {
            var c = At(read);
            if (c == '_' && read + 7 <= length)
            {
                for (var i = 0; i < 7; i++)
                {
                    escape[i] = At(read + i);
                }

                if (SpreadsheetXml.TryReadEscape(escape, out var decoded))
                {
                    c = decoded;
                    read += 6;
                }
            }

            chars[write >> CharBits][write & (CharChunk - 1)] = c;
            write++;
        }

        length = write;
    }
}
