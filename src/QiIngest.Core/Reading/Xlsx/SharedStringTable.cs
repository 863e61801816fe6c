using System.Buffers;
using System.Text.Unicode;

namespace QiIngest.Core.Reading.Xlsx;

/// <summary>
/// The workbook's shared strings, stored compactly within a memory budget: their UTF-8 bytes one after another in
/// 64 KiB chunks and the end of each string in chunks of ints, 1 byte an ASCII character (3 a CJK one) and 4 a string.
/// A <c>List&lt;string&gt;</c> takes about 32 bytes more for each string and 2 bytes a character, so a shared-strings
/// part inside the decompression limit could need more than twice that limit in memory; UTF-16 chunks took twice the
/// bytes of the part for ASCII notes. A string is decoded only when a cell asks for it, into the caller's buffer.
/// A string that is not held (<see cref="EndString(bool)"/>) keeps its place but not its bytes: they are given back when
/// the next string begins, so it can be decoded once, for the cell that asked for it.
/// </summary>
internal sealed class SharedStringTable
{
    private const int ByteBits = 16;
    private const int ByteChunk = 1 << ByteBits; // 64 KiB: off the large object heap
    private const int EndBits = 14;
    private const int EndChunk = 1 << EndBits; // 64 KiB of ints

    private readonly List<byte[]> bytes = [];
    private readonly List<int[]> ends = [];
    private readonly long budget;
    private readonly Func<ReturnReadException> overrun;
    private int length;
    private int start;
    private bool underscore;
    private char pendingHigh;
    private int dropFrom = -1;

    /// <param name="budget">The most bytes the chunks may take.</param>
    /// <param name="overrun">The error when they would take more.</param>
    public SharedStringTable(long budget, Func<ReturnReadException> overrun)
    {
        // Positions are ints: at most 2^31 - 1 bytes, whatever the budget.
        this.budget = Math.Min(budget, int.MaxValue);
        this.overrun = overrun;
    }

    /// <summary>A table with no strings.</summary>
    public static SharedStringTable Empty { get; } = new(0, () => throw new InvalidOperationException("The empty table takes no strings."));

    /// <summary>How many strings the table has been given, held or not: the index of the next one.</summary>
    public int Count { get; private set; }

    /// <summary>How many of them it holds.</summary>
    public int HeldCount { get; private set; }

    /// <summary>The bytes its chunks take.</summary>
    public long MemoryBytes => (bytes.Count * (long)ByteChunk) + (ends.Count * (long)EndChunk * sizeof(int));

    /// <summary>The most chars the string at <paramref name="index"/> decodes to (its UTF-8 length): the buffer <see cref="Decode"/> needs.</summary>
    public int MaxChars(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        ThrowIfDropped(index);
        return End(index) - From(index);
    }

    /// <summary>Decodes the string at <paramref name="index"/> into <paramref name="destination"/> (at least <see cref="MaxChars"/> long); returns its length in chars.</summary>
    public int Decode(int index, Span<char> destination)
    {
        ThrowIfDropped(index);
        return DecodeRange(From(index), End(index), destination);
    }

    /// <summary>Whether the string at <paramref name="index"/> can be decoded: it is held, or it is the last one and not yet given back.</summary>
    public bool CanDecode(int index) => (uint)index < (uint)Count && ends[index >> EndBits][index & (EndChunk - 1)] >= 0;

    /// <summary>The string at <paramref name="index"/> as a new string (for tests and diagnostics; readers use <see cref="Decode"/>).</summary>
    public string this[int index]
    {
        get
        {
            var chars = new char[MaxChars(index)];
            return new string(chars, 0, Decode(index, chars));
        }
    }

    /// <summary>
    /// Appends characters to the string being read. A high surrogate at the end of <paramref name="text"/> waits for
    /// its low surrogate in the next call; a lone surrogate is stored as U+FFFD, as UTF-8 cannot hold it.
    /// </summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        DropUnheld();
        underscore |= text.Contains('_');
        if (pendingHigh != '\0')
        {
            Span<char> pair = [pendingHigh, text[0]];
            pendingHigh = '\0';
            Encode(char.IsLowSurrogate(pair[1]) ? pair : pair[..1]);
            text = char.IsLowSurrogate(pair[1]) ? text[1..] : text;
        }

        if (!text.IsEmpty && char.IsHighSurrogate(text[^1]))
        {
            pendingHigh = text[^1];
            text = text[..^1];
        }

        Encode(text);
    }

    /// <summary>Ends the string being read: undoes Excel's <c>_xHHHH_</c> escapes in it and records where it ends.</summary>
    /// <param name="held">
    /// False to give its bytes back when the next string begins: until then it can be decoded, after that asking for it
    /// is a bug (<see cref="InvalidOperationException"/>), never an empty value.
    /// </param>
    public void EndString(bool held = true)
    {
        DropUnheld();
        if (pendingHigh != '\0')
        {
            Span<char> high = [pendingHigh];
            pendingHigh = '\0';
            Encode(high);
        }

        if (underscore)
        {
            DecodeEscapes();
            underscore = false;
        }

        AddEnd(length);
        Count++;
        if (held)
        {
            HeldCount++;
        }
        else
        {
            dropFrom = start;
        }

        start = length;
    }

    /// <summary>Gives the next string's place to one that was not read (no cell uses it): it cannot be decoded.</summary>
    public void SkipString()
    {
        DropUnheld();
        AddEnd(length | int.MinValue);
        Count++;
    }

    private void AddEnd(int end)
    {
        if ((Count & (EndChunk - 1)) == 0 && Count >> EndBits == ends.Count)
        {
            Reserve(EndChunk * sizeof(int));
            ends.Add(new int[EndChunk]);
        }

        ends[Count >> EndBits][Count & (EndChunk - 1)] = end;
    }

    private int From(int index) => index == 0 ? 0 : End(index - 1);

    // A string given back has its start as its end, with the sign bit set: it is empty, and known to be dropped.
    private int End(int index) => ends[index >> EndBits][index & (EndChunk - 1)] & int.MaxValue;

    /// <summary>Gives back the bytes of the last string if it is not held, as the next string begins.</summary>
    private void DropUnheld()
    {
        if (dropFrom < 0)
        {
            return;
        }

        var last = Count - 1;
        ends[last >> EndBits][last & (EndChunk - 1)] = dropFrom | int.MinValue;
        length = start = dropFrom;
        dropFrom = -1;
    }

    /// <summary>Throws when the string at <paramref name="index"/> was read but not held: a bug of the use count, never an empty value.</summary>
    public void ThrowIfDropped(int index)
    {
        if (!CanDecode(index))
        {
            throw new InvalidOperationException($"The shared string {index} was not held: the first pass over the sheet counted fewer uses of it than the second made.");
        }
    }

    /// <summary>Decodes the bytes from <paramref name="from"/> to <paramref name="to"/>; a string that crosses a chunk's end is first copied whole.</summary>
    private int DecodeRange(int from, int to, Span<char> destination)
    {
        var offset = from & (ByteChunk - 1);
        if (offset + (to - from) <= ByteChunk)
        {
            Utf8.ToUtf16(bytes[from >> ByteBits].AsSpan(offset, to - from), destination, out _, out var chars);
            return chars;
        }

        var whole = ArrayPool<byte>.Shared.Rent(to - from);
        try
        {
            for (var at = from; at < to;)
            {
                var n = Math.Min(to - at, ByteChunk - (at & (ByteChunk - 1)));
                bytes[at >> ByteBits].AsSpan(at & (ByteChunk - 1), n).CopyTo(whole.AsSpan(at - from));
                at += n;
            }

            Utf8.ToUtf16(whole.AsSpan(0, to - from), destination, out _, out var chars);
            return chars;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(whole);
        }
    }

    /// <summary>Encodes <paramref name="text"/> as UTF-8 after the bytes so far, in a new chunk where one is full.</summary>
    private void Encode(ReadOnlySpan<char> text)
    {
        Span<byte> scalar = stackalloc byte[4];
        while (!text.IsEmpty)
        {
            if (Room() is var room && Utf8.FromUtf16(text, room, out var read, out var written, replaceInvalidSequences: true) == OperationStatus.Done)
            {
                length += written;
                return;
            }

            // The chunk is full, or the next character's bytes do not fit in it: they go on in the next chunk.
            length += written;
            text = text[read..];
            var n = text.Length > 1 && char.IsHighSurrogate(text[0]) && char.IsLowSurrogate(text[1]) ? 2 : 1;
            Utf8.FromUtf16(text[..n], scalar, out _, out var k, replaceInvalidSequences: true);
            foreach (var b in scalar[..k])
            {
                Room()[0] = b;
                length++;
            }

            text = text[n..];
        }
    }

    /// <summary>The free part of the current chunk, a new chunk when it is full.</summary>
    private Span<byte> Room()
    {
        var offset = length & (ByteChunk - 1);
        if (offset == 0 && length >> ByteBits == bytes.Count)
        {
            Reserve(ByteChunk);
            bytes.Add(new byte[ByteChunk]);
        }

        return bytes[length >> ByteBits].AsSpan(offset);
    }

    private void Reserve(long more)
    {
        if (MemoryBytes + more > budget)
        {
            throw overrun();
        }
    }

    /// <summary>Rewrites the current string with each escape as its character (rare: Excel writes them for control characters).</summary>
    private void DecodeEscapes()
    {
        var chars = new char[length - start];
        var text = SpreadsheetXml.DecodeEscapes(new string(chars, 0, DecodeRange(start, length, chars)));
        length = start;
        Encode(text);
    }
}
