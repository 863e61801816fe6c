using System.IO.Compression;
using System.Text;
using QiIngest.Core.Reading;
using QiIngest.Core.Reading.Xlsx;
using QiIngest.Core.Validation;
using static QiIngest.Core.Tests.Reading.XlsxBuilder;

namespace QiIngest.Core.Tests.Reading;

/// <summary>Shared strings are stored compactly and within a memory budget, so a shared-strings bomb ends in a receipt (issue 10).</summary>
public class XlsxSharedStringsTests
{
    private const string Header = "<si><t>indicator</t></si><si><t>value</t></si><si><t>IT_INSTITUTIONS</t></si>";

    [Fact]
    public void Read_StringsAcrossStorageChunks_ReadWhole()
    {
        string[] texts = [new('a', 32_760), new('b', 20), new('c', 70_000), "d", string.Empty, "x\ry", "_x00"];
        var xlsx = new XlsxBuilder()
            .SharedStrings(
                $"<t>{texts[0]}</t>",
                $"<t>{texts[1]}</t>",
                $"<r><t>{texts[2][..40_000]}</t></r><r><t>{texts[2][40_000..]}</t></r>",
                "<t>d</t><rPh><t>ignored</t></rPh>",
                "<t/>",
                "<r><t>x_x00</t></r><r><t>0D_y</t></r>",
                "<t>_x00</t>")
            .Sheet("Sheet1", Row(1, [.. texts.Select((_, i) => $"<c r=\"{(char)('A' + i)}1\" t=\"s\"><v>{i}</v></c>")]))
            .Build();

        var row = Assert.Single(XlsxGridReader.Read(new MemoryStream(xlsx), IngestLimits.Default));

        Assert.Equal(texts.Select(t => t.Length == 0 ? null : t), row.Cells);
    }

    [Fact]
    public void Read_SharedStringsUsedOutOfOrderPastMemoryBudget_ThrowsLimitExceeded()
    {
        // 100 strings of 4,000 bytes, 400,000 bytes against a budget of 262,144: the first cell uses the last, and the
        // others are used later, so reaching the last must hold them all.
        var xlsx = new XlsxBuilder()
            .SharedStrings([.. Enumerable.Range(0, 100).Select(i => $"<t>{i:D4}{new string('a', 3_996)}</t>")])
            .Sheet("Sheet1", Row(1, SharedCell(99)) + Row(2, [.. Enumerable.Range(0, 99).Select(SharedCell)]))
            .Build();
        var limits = IngestLimits.Default with { MaxXlsxUncompressedBytes = 1 << 20 };

        var error = Assert.Throws<ReturnReadException>(() => XlsxGridReader.Read(new MemoryStream(xlsx), limits).ToList());

        Assert.Equal(
            new Issue(IssueType.LimitExceeded, "The XLSX part xl/sharedStrings.xml holds more shared strings than a return can: they would take more than 262144 bytes of memory, a quarter of the decompression limit of 1 MiB. Split the return, or upload a CSV.")
            {
                MessageZh = "XLSX 部件 xl/sharedStrings.xml 中的共享字符串超出报表所能容纳的量：它们将占用超过 262144 字节的内存，即解压上限 1 MiB 的四分之一。请拆分报表，或上传 CSV。",
            },
            error.Issue);
    }

    [Fact]
    public void Read_SameStringsInFirstUseOrder_FitTheBudgetHoldingNone()
    {
        // The strings of the test above, each used once in the order of the part: none is held, so they fit.
        var xlsx = new XlsxBuilder()
            .SharedStrings([.. Enumerable.Range(0, 100).Select(i => $"<t>{i:D4}{new string('a', 3_996)}</t>")])
            .Sheet("Sheet1", string.Concat(Enumerable.Range(0, 100).Select(i => Row(i + 1, SharedCell(i)))))
            .Build();
        var limits = IngestLimits.Default with { MaxXlsxUncompressedBytes = 1 << 20 };

        var (rows, table) = ReadHolding(xlsx, limits);

        Assert.Equal([.. Enumerable.Range(0, 100).Select(i => $"{i:D4}{new string('a', 3_996)}")], rows.Select(r => r[0]));
        Assert.Equal(100, table.Count);
        Assert.Equal(0, table.HeldCount);
        // One chunk of bytes, reused string after string, and one of ends.
        Assert.Equal(2L << 16, table.MemoryBytes);
    }

    [Fact]
    public void Read_SharedStringsOutOfFirstUseOrder_GiveTheirValuesAndHoldOnlyWhatIsAskedAgain()
    {
        // A writer that does not write in first-use order: 5 before 0, 3 and 5 twice, 1, 2, 4 and 6 never.
        string[] texts = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"];
        var xlsx = new XlsxBuilder()
            .SharedStrings([.. texts.Select(t => $"<t>{t}</t>")])
            .Sheet("Sheet1",
                Row(1, SharedCell(5), SharedCell(0))
                + Row(2, SharedCell(7), SharedCell(5))
                + Row(3, SharedCell(3), Number("B3", "1"))
                + Row(4, SharedCell(3)))
            .Build();

        var (rows, table) = ReadHolding(xlsx, IngestLimits.Default);

        Assert.Equal<string?[]>([["s5", "s0"], ["s7", "s5"], ["s3", "1"], ["s3"]], rows);
        // Reaching 5 holds 0 and 3, which are asked for later, and 5, which is asked again; 7 is used once, 1, 2, 4, 6 never.
        Assert.Equal(8, table.Count);
        Assert.Equal(3, table.HeldCount);
        Assert.Equal([true, false, false, true, false, true, false], Enumerable.Range(0, 7).Select(table.CanDecode));
    }

    [Fact]
    public void Read_IndexTheFirstPassCannotReadWithoutAString_HoldsEveryString()
    {
        // The second pass reads <v> whole, CDATA included; the first pass reads only plain text, so it holds everything.
        var xlsx = new XlsxBuilder()
            .SharedStrings("<t>s0</t>", "<t>s1</t>", "<t>s2</t>")
            .Sheet("Sheet1", Row(1, SharedCell(2)) + Row(2, "<c t=\"s\"><v><![CDATA[1]]></v></c>"))
            .Build();

        var (rows, table) = ReadHolding(xlsx, IngestLimits.Default);

        Assert.Equal<string?[]>([["s2"], ["s1"]], rows);
        Assert.Equal(3, table.HeldCount);
    }

    [Fact]
    public void Read_MultiUseStringsInFirstUseOrder_ReadAfterTheirFirstUse()
    {
        // A long return as Excel writes it: the header and indicator strings are used on every row, each note once.
        var notes = Enumerable.Range(0, 2_000).Select(i => $"备注 {i}").ToArray();
        var xlsx = new XlsxBuilder()
            .SharedStrings(["<t>indicator</t>", "<t>note</t>", "<t>IT_INSTITUTIONS</t>", .. notes.Select(n => $"<t>{n}</t>")])
            .Sheet("Sheet1", Row(1, SharedCell(0), SharedCell(1))
                + string.Concat(notes.Select((_, i) => Row(i + 2, SharedCell(2), SharedCell(i + 3)))))
            .Build();

        var (rows, table) = ReadHolding(xlsx, IngestLimits.Default);

        Assert.Equal([["indicator", "note"], .. notes.Select(n => new string?[] { "IT_INSTITUTIONS", n })], rows);
        Assert.Equal(2_003, table.Count);
        Assert.Equal(1, table.HeldCount);
    }

    [Fact]
    public void Read_SharedStringIndexPastTheLastString_SaysHowManyThePartHas()
    {
        // The part is read to its end (without holding) for the count, although the sheet asked only up to 1 before.
        var xlsx = new XlsxBuilder()
            .SharedStrings("<t>a</t>", "<t>b</t>", "<t>c</t>", "<t>d</t>")
            .Sheet("Sheet1", Row(1, SharedCell(1)) + Row(2, "<c r=\"A2\" t=\"s\"><v>x</v></c>"))
            .Build();

        var error = Assert.Throws<ReturnReadException>(() => XlsxGridReader.Read(new MemoryStream(xlsx), IngestLimits.Default).ToList());

        Assert.Equal("Cell A2 of the worksheet 'Sheet1' refers to shared string 'x', but the workbook has 4 shared strings.", error.Message);
    }

    [Fact]
    public void Read_OneLongSharedStringPastMemoryBudget_ThrowsLimitExceeded()
    {
        var xlsx = new XlsxBuilder()
            .SharedStrings($"<t>{new string('a', 2_000_000)}</t>")
            .Sheet("Sheet1", Row(1, "<c r=\"A1\" t=\"s\"><v>0</v></c>"))
            .Build();
        var limits = IngestLimits.Default with { MaxXlsxUncompressedBytes = 4 << 20 };

        var error = Assert.Throws<ReturnReadException>(() => XlsxGridReader.Read(new MemoryStream(xlsx), limits).ToList());

        Assert.Equal(IssueType.LimitExceeded, error.Issue.Type);
        Assert.StartsWith("The XLSX part xl/sharedStrings.xml holds more shared strings than a return can: they would take more than 1 MiB of memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SharedStringsBombInsideTheDecompressionLimit_IsRejectedWithoutHoldingItsStrings()
    {
        // Issue 10: a small workbook whose shared strings decompress to 70 MB, under the 256 MiB limit, that the sheet
        // asks for out of order (the last first, then all the others), so all must be held. (Of one-letter strings,
        // ~230 MiB under the limit, a sheet can use no more than ~10 MiB: held, they fit the budget.)
        var xlsx = OutOfOrderBomb(1_100, 64_000);
        Assert.True(xlsx.Length < 4 << 20, $"{xlsx.Length} bytes");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Checks.Run(xlsx, file: "return.xlsx");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Outcome.Rejected, result.Outcome);
        Assert.Equal(
            new Issue(IssueType.LimitExceeded, "The XLSX part xl/sharedStrings.xml holds more shared strings than a return can: they would take more than 64 MiB of memory, a quarter of the decompression limit of 256 MiB. Split the return, or upload a CSV.")
            {
                MessageZh = "XLSX 部件 xl/sharedStrings.xml 中的共享字符串超出报表所能容纳的量：它们将占用超过 64 MiB的内存，即解压上限 256 MiB 的四分之一。请拆分报表，或上传 CSV。",
            },
            Assert.Single(result.Errors));
        // A List<string> of them allocated over 330 MiB; the table stops at its 64 MiB budget.
        Assert.True(allocated < 96L << 20, $"allocated {allocated >> 20} MiB");
    }

    [Fact]
    public void Check_SharedStringsBombThatNoCellUses_IsAcceptedHoldingNone()
    {
        // Issue 10's bomb, ~230 MiB of one-letter shared strings under the 256 MiB limit that no cell uses: they are
        // read through (their bytes count toward the limit), not held.
        var xlsx = Bomb(14_000_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Checks.Run(xlsx, file: "return.xlsx");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Its warnings are the return's own: the indicators it leaves out.
        Assert.Equal(Outcome.AcceptedWithWarnings, result.Outcome);
        Assert.Empty(result.Errors);
        Assert.Equal(1, result.ObservationCount);
        Assert.True(allocated < 16L << 20, $"allocated {allocated >> 20} MiB");
    }

    [Fact]
    public void Check_SharedStringsWithinTheBudget_AreReadToTheLast()
    {
        // Row 3's value is the last of 10^6 strings, reached within the 8 MiB that a 32 MiB decompression limit allows.
        var xlsx = Bomb(1_000_000, lastRow: "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" t=\"s\"><v>1000002</v></c></row>");
        var limits = IngestLimits.Default with { MaxXlsxUncompressedBytes = 32 << 20 };

        var result = Checks.Run(xlsx, file: "return.xlsx", limits: limits);

        Assert.Equal(
            new Issue(IssueType.TypeError, "Row 3, column value (cell B3): 'a' is not a number: give digits with '.' as the decimal mark, for example 1234.5.", 3, "value") { MessageZh = "第 3 行 value 列（单元格 B3）：“a”不是数字：请填写数字，小数点用“.”，例如 1234.5。" },
            Assert.Single(result.Errors));
    }

    /// <summary>A long-layout return (IT_INSTITUTIONS = 5) whose shared strings end in <paramref name="count"/> one-letter strings.</summary>
    private static byte[] Bomb(int count, string lastRow = "") =>
        new XlsxBuilder()
            .SharedStrings("<t>placeholder</t>")
            .Part("xl/sharedStrings.xml", stream => WriteBombStrings(stream, count))
            .Sheet("Sheet1",
                Row(1, "<c r=\"A1\" t=\"s\"><v>0</v></c>", "<c r=\"B1\" t=\"s\"><v>1</v></c>")
                + Row(2, "<c r=\"A2\" t=\"s\"><v>2</v></c>", Number("B2", "5"))
                + lastRow)
            .Build(CompressionLevel.Fastest);

    /// <summary>
    /// A long-layout return whose shared strings end in <paramref name="count"/> strings of <paramref name="length"/>
    /// letters, and whose row 3 uses the last of them first and then every other one: all are held once it is reached.
    /// </summary>
    private static byte[] OutOfOrderBomb(int count, int length) =>
        new XlsxBuilder()
            .SharedStrings("<t>placeholder</t>")
            .Part("xl/sharedStrings.xml", stream => WriteBombStrings(stream, count, new string('a', length)))
            .Sheet("Sheet1",
                Row(1, "<c r=\"A1\" t=\"s\"><v>0</v></c>", "<c r=\"B1\" t=\"s\"><v>1</v></c>")
                + Row(2, "<c r=\"A2\" t=\"s\"><v>2</v></c>", Number("B2", "5"))
                + Row(3, [SharedCell(count + 2), .. Enumerable.Range(3, count - 1).Select(SharedCell)]))
            .Build(CompressionLevel.Fastest);

    private static void WriteBombStrings(Stream stream, int count, string text = "a")
    {
        stream.Write(Encoding.UTF8.GetBytes($"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{Header}"));
        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"<si><t>{text}</t></si>", Math.Min(count, 10_000))));
        for (var i = 0; i < count / Math.Min(count, 10_000); i++)
        {
            stream.Write(block);
        }

        stream.Write("</sst>"u8);
    }

    private static string SharedCell(int index) => $"<c t=\"s\"><v>{index}</v></c>";

    /// <summary>Reads the rows' cells as the grid reader does, and gives the shared-string table they were read through.</summary>
    private static (List<string?[]> Rows, SharedStringTable Table) ReadHolding(byte[] xlsx, IngestLimits limits)
    {
        using var package = XlsxPackage.Open(new MemoryStream(xlsx), limits);
        var sheet = package.FindReturnSheet();
        var uses = package.NewSharedStringUses();
        var merges = package.ReadMerges(sheet, uses, out var sheetBytes);
        using var sharedStrings = package.OpenSharedStrings(uses);
        using var reader = new SheetRowReader(package, sheet, sharedStrings, package.ReadStyles(), merges, sheetBytes, limits);
        var rows = new List<string?[]>();
        while (reader.MoveNext())
        {
            rows.Add([.. reader.Current.Cells]);
        }

        return (rows, sharedStrings.Table);
    }
}
