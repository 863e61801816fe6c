using System.IO.Compression;
using System.Text;
using QiIngest.Core.Reading;
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
    public void Read_ManySharedStringsPastMemoryBudget_ThrowsLimitExceeded()
    {
        var xlsx = new XlsxBuilder()
            .SharedStrings([.. Enumerable.Repeat("<t>abc</t>", 40_000)])
            .Sheet("Sheet1", Row(1, "<c r=\"A1\" t=\"s\"><v>0</v></c>"))
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
        // Issue 10: a workbook of a few MB whose shared strings are ~230 MiB of one-letter strings, under the 256 MiB limit.
        var xlsx = Bomb(14_000_000);
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
    public void Check_SharedStringsWithinTheBudget_AreReadToTheLast()
    {
        // 10^6 strings take 6 MiB of the 8 MiB that a 32 MiB decompression limit allows; row 3's value is the last one.
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
            .Part("xl/sharedStrings.xml", stream =>
            {
                stream.Write(Encoding.UTF8.GetBytes($"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{Header}"));
                var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<si><t>a</t></si>", 10_000)));
                for (var i = 0; i < count / 10_000; i++)
                {
                    stream.Write(block);
                }

                stream.Write("</sst>"u8);
            })
            .Sheet("Sheet1",
                Row(1, "<c r=\"A1\" t=\"s\"><v>0</v></c>", "<c r=\"B1\" t=\"s\"><v>1</v></c>")
                + Row(2, "<c r=\"A2\" t=\"s\"><v>2</v></c>", Number("B2", "5"))
                + lastRow)
            .Build(CompressionLevel.Fastest);
}
