using QiIngest.Core.Reading;
using QiIngest.Core.Reading.Xlsx;

namespace QiIngest.Core.Tests.Reading;

/// <summary>The shared-string table keeps UTF-8 in 64 KiB chunks and gives each string back as it was appended.</summary>
public class SharedStringTableTests
{
    private const int Chunk = 1 << 16;

    public static TheoryData<string[]> Texts => new()
    {
        { ["abc", "indicator", "IT_INSTITUTIONS"] },
        { ["检验检测机构", "区县000123", "万元"] },
        { ["😀", "a😀b", "𠀀𠀁", "中😀文"] },
        { [string.Empty, "x", string.Empty, string.Empty, "y"] },
        { [new string('a', Chunk - 1) + "中文", "b"] }, // a CJK character's 3 bytes cross the chunk's end
        { [new string('a', Chunk - 2) + "😀", "c"] }, // so do an emoji's 4 bytes
        { [new string('a', Chunk - 1), "中", "d"] }, // a string begins 1 byte before the end
        { [new string('a', Chunk), "e"] }, // a string ends exactly at the end
        { [new string('中', 50_000), "f"] }, // 150,000 bytes across three chunks
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Decode_AppendedStrings_RoundTrip(string[] texts)
    {
        var table = Table(texts);

        Assert.Equal(texts.Length, table.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var destination = new char[table.MaxChars(i)];
            Assert.Equal(texts[i], new string(destination, 0, table.Decode(i, destination)));
            Assert.Equal(texts[i], table[i]);
        }
    }

    [Fact]
    public void Append_InPieces_IsOneString()
    {
        var table = new SharedStringTable(1 << 20, Overrun);
        table.Append("检验");
        table.Append("检测");
        table.Append(string.Empty);
        table.Append("机构");
        table.EndString();

        Assert.Equal("检验检测机构", table[0]);
    }

    [Fact]
    public void Append_SurrogatePairSplitAcrossCalls_IsKept()
    {
        var table = new SharedStringTable(1 << 20, Overrun);
        table.Append("a\uD83D");
        table.Append("\uDE00b");
        table.EndString();

        Assert.Equal("a😀b", table[0]);
    }

    [Fact]
    public void Append_LoneSurrogates_BecomeReplacementCharacters()
    {
        var table = new SharedStringTable(1 << 20, Overrun);
        table.Append("a\uDE00b");
        table.EndString();
        table.Append("c\uD83D");
        table.EndString();
        table.Append("\uD83D");
        table.Append("d");
        table.EndString();

        Assert.Equal(["a\uFFFDb", "c\uFFFD", "\uFFFDd"], [table[0], table[1], table[2]]);
    }

    [Fact]
    public void EndString_ExcelEscapes_AreDecoded()
    {
        var table = Table(["x_x000D_y", "_x4E2D__x6587_", "a_b", "_x00"]);

        Assert.Equal(["x\ry", "中文", "a_b", "_x00"], [table[0], table[1], table[2], table[3]]);
    }

    [Fact]
    public void Append_PastTheBudget_ThrowsTheOverrun()
    {
        // One chunk of bytes and one of ends fit in 128 KiB; a second chunk of bytes does not.
        var table = new SharedStringTable(2 * Chunk, Overrun);
        table.Append(new string('a', Chunk));
        table.EndString();

        var error = Assert.Throws<ReturnReadException>(() => table.Append("b"));

        Assert.Equal("over", error.Message);
        Assert.Equal(2L * Chunk, table.MemoryBytes);
    }

    [Fact]
    public void MemoryBytes_AsciiStrings_OneByteACharacter()
    {
        var table = Table([.. Enumerable.Range(0, 10_000).Select(i => $"note {i:D10}")]);

        // 150,000 bytes of text in 3 chunks, 10,000 ends in one.
        Assert.Equal((3 * Chunk) + Chunk, table.MemoryBytes);
    }

    [Fact]
    public void EndString_NotHeld_DecodesUntilTheNextStringBegins()
    {
        var table = new SharedStringTable(1 << 20, Overrun);
        table.Append("kept");
        table.EndString();
        table.Append("备注 once");
        table.EndString(held: false);

        Assert.Equal("备注 once", table[1]);
        Assert.True(table.CanDecode(1));

        table.Append("next");
        table.EndString();

        Assert.False(table.CanDecode(1));
        var error = Assert.Throws<InvalidOperationException>(() => table.MaxChars(1));
        Assert.Equal("The shared string 1 was not held: the first pass over the sheet counted fewer uses of it than the second made.", error.Message);
        Assert.Equal(["kept", "next"], [table[0], table[2]]);
        Assert.Equal((3, 2), (table.Count, table.HeldCount));
    }

    [Fact]
    public void EndString_NotHeld_GivesItsBytesToTheNextStrings()
    {
        // 1,000 strings of 1,000 bytes not held, with one held after each: the held ones fit in one chunk.
        var table = new SharedStringTable(1 << 24, Overrun);
        for (var i = 0; i < 1_000; i++)
        {
            table.Append(new string('x', 999) + "中"[..(i % 2)]);
            table.EndString(held: false);
            table.Append($"{i:D3}");
            table.EndString();
        }

        Assert.Equal(Chunk + Chunk, table.MemoryBytes);
        Assert.Equal((2_000, 1_000), (table.Count, table.HeldCount));
        Assert.Equal([.. Enumerable.Range(0, 1_000).Select(i => $"{i:D3}")], Enumerable.Range(0, 1_000).Select(i => table[(2 * i) + 1]));
    }

    [Fact]
    public void SkipString_TakesAPlaceThatCannotBeDecoded()
    {
        var table = new SharedStringTable(1 << 20, Overrun);
        table.Append("a");
        table.EndString(held: false);
        table.SkipString();
        table.Append("b");
        table.EndString();
        table.SkipString();

        Assert.Equal([false, false, true, false], Enumerable.Range(0, 4).Select(table.CanDecode));
        Assert.Equal("b", table[2]);
        Assert.Equal((4, 1), (table.Count, table.HeldCount));
    }

    private static SharedStringTable Table(string[] texts)
    {
        var table = new SharedStringTable(1 << 24, Overrun);
        foreach (var text in texts)
        {
            table.Append(text);
            table.EndString();
        }

        return table;
    }

    private static ReturnReadException Overrun() => ReturnReadException.Format("over");
}
