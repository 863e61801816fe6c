using System.IO.Compression;
using System.Text;
using QiIngest.Core.Reading;
using QiIngest.Core.Validation;
using static QiIngest.Core.Tests.Reading.XlsxBuilder;

namespace QiIngest.Core.Tests.Reading;

public class XlsxGridReaderTests
{
    private const string NotAZip = "The file ends in .xlsx but is not an XLSX workbook (not a zip archive). Save it from Excel as .xlsx, or upload a CSV.";

    [Fact]
    public void Read_InlineStrings_ReturnsTextsWithRunsJoined()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            Row(1, Inline("A1", "指标代码"), Inline("B1", "R&D <研发>"),
                "<c r=\"C1\" t=\"inlineStr\"><is><r><rPr><b/></rPr><t>IT_</t></r><r><t>REVENUE</t></r></is></c>")).Build();

        var row = Assert.Single(ReadAll(xlsx));

        Assert.Equal(1, row.Number);
        AssertCells(["指标代码", "R&D <研发>", "IT_REVENUE"], row);
        Assert.Null(row.MergeContinuation);
    }

    [Fact]
    public void Read_SharedStringsWithRichTextAndPhoneticRuns_ConcatenatesTextRunsOnly()
    {
        var xlsx = new XlsxBuilder()
            .SharedStrings(
                "<t>指标代码</t>",
                "<r><rPr><b/></rPr><t>检验</t></r><r><t xml:space=\"preserve\">检测 </t></r><rPh sb=\"0\" eb=\"2\"><t>ケンサ</t></rPh><phoneticPr fontId=\"1\"/>",
                "<t/>",
                "<t>a_x000D_b</t>")
            .Sheet("Sheet1", Row(2,
                "<c r=\"A2\" t=\"s\"><v>0</v></c>",
                "<c r=\"B2\" t=\"s\"><v>1</v></c>",
                "<c r=\"C2\" t=\"s\"><v>2</v></c>",
                "<c r=\"D2\" t=\"s\"><v>3</v></c>"))
            .Build();

        var row = Assert.Single(ReadAll(xlsx));

        Assert.Equal(2, row.Number);
        AssertCells(["指标代码", "检验检测 ", null, "a\rb"], row);
    }

    [Theory]
    [InlineData("2488.0000000000005", "2488")]
    [InlineData("452.14000000000004", "452.14")]
    [InlineData("0.30000000000000004", "0.3")]
    [InlineData("1.5E-7", "0.00000015")]
    [InlineData("0.000123", "0.000123")]
    [InlineData("4.5214E10", "45214000000")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("123456789012345678", "123456789012346000")]
    [InlineData("1E+30", "1E+30")]
    [InlineData("1.23456789012345E-20", "1.23456789012345E-20")]
    public void Read_NumericCell_RoundsTo15SignificantDigitsAsPlainText(string cached, string expected)
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            Row(1, Number("A1", cached), $"<c r=\"B1\" t=\"n\"><v>{cached}</v></c>")).Build();

        var row = Assert.Single(ReadAll(xlsx));

        AssertCells([expected, expected], row);
    }

    [Fact]
    public void Read_FormulaCells_UseCachedValuesAndNoValueIsEmpty()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1,
            "<c r=\"A1\"><f>C9+1</f><v>2488.0000000000005</v></c>",
            "<c r=\"B1\" t=\"str\"><f>\"家\"&amp;\"\"</f><v>家</v></c>",
            "<c r=\"C1\"><f>SUM(X1:X9)</f></c>",
            "<c r=\"D1\" t=\"str\"><f>D9</f><v></v></c>",
            "<c r=\"E1\"><f>0.1*3</f><v>0.30000000000000004</v></c>")).Build();

        var row = Assert.Single(ReadAll(xlsx));

        AssertCells(["2488", "家", null, null, "0.3"], row);
    }

    [Fact]
    public void Read_BooleanAndErrorCells_ReturnExcelTexts()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1,
            "<c r=\"A1\" t=\"b\"><v>1</v></c>",
            "<c r=\"B1\" t=\"b\"><v>0</v></c>",
            "<c r=\"C1\" t=\"e\"><v>#DIV/0!</v></c>",
            "<c r=\"D1\" t=\"e\"><f>NA()</f><v>#N/A</v></c>")).Build();

        var row = Assert.Single(ReadAll(xlsx));

        AssertCells(["TRUE", "FALSE", "#DIV/0!", "#N/A"], row);
    }

    [Theory]
    [InlineData("数据")]
    [InlineData("data")]
    [InlineData("DATA")]
    public void Read_SheetNamedData_ReadsThatSheetNotTheFirst(string name)
    {
        var xlsx = new XlsxBuilder()
            .Sheet("说明", Row(1, Inline("A1", "填表说明")))
            .Sheet(name, Row(1, Inline("A1", "地区代码")))
            .Sheet("Sheet3", Row(1, Inline("A1", "其他")))
            .Build();

        var row = Assert.Single(ReadAll(xlsx));

        AssertCells(["地区代码"], row);
    }

    [Fact]
    public void Read_NoSheetNamedData_ReadsFirstSheetInWorkbookOrder()
    {
        // The first sheet of the workbook is stored in the second part.
        var xlsx = new XlsxBuilder()
            .Sheet("Returns", Row(1, Inline("A1", "first in workbook")), target: "worksheets/sheet2.xml")
            .Sheet("Notes", Row(1, Inline("A1", "second in workbook")), target: "worksheets/sheet1.xml")
            .Build();

        var row = Assert.Single(ReadAll(xlsx));

        AssertCells(["second in workbook"], row);
    }

    [Theory]
    [InlineData("worksheets/sheet1.xml")]
    [InlineData("/xl/worksheets/sheet1.xml")]
    [InlineData("./worksheets/../worksheets/sheet1.xml")]
    [InlineData("../xl/worksheets/sheet1.xml")]
    public void Read_RelativeOrAbsoluteTarget_FindsSheetPart(string target)
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1, Inline("A1", "ok")), target: target).Build();

        var row = Assert.Single(ReadAll(xlsx));

        AssertCells(["ok"], row);
    }

    [Fact]
    public void Read_MergedHeaderCell_CarriesTitleAndFlagsContinuations()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            Row(1, Inline("A1", "统计表"), "<c r=\"B1\" s=\"1\"/>", "<c r=\"C1\" s=\"1\"/>")
            + Row(2, Inline("A2", "指标"), Inline("B2", "数值")),
            merges: ["A1:E1"]).Build();

        var rows = ReadAll(xlsx);

        Assert.Equal(2, rows.Count);
        AssertCells(["统计表", "统计表", "统计表", "统计表", "统计表"], rows[0]);
        AssertContinuation([false, true, true, true, true], rows[0]);
        Assert.False(rows[0].IsContinuation(0));
        Assert.True(rows[0].IsContinuation(4));
        AssertCells(["指标", "数值"], rows[1]);
        Assert.Null(rows[1].MergeContinuation);
    }

    [Fact]
    public void Read_MergedDataCellsAcrossRows_CarryValueDownAndAcross()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            Row(2, Inline("A2", "南京市"), Inline("B2", "IT_INSTITUTIONS"), Number("C2", "782"))
            + Row(3, Inline("B3", "IT_REVENUE"), Number("C3", "144.1"))
            + Row(4, "<c r=\"A4\" s=\"2\"/>", Inline("B4", "CERT_FEE_RELIEF"), Number("C4", "45"))
            + Row(5, Inline("A5", "无锡市"), Number("B5", "7"), Inline("C5", "ignored: covered by B5:C6"))
            + Row(6, Inline("A6", "常州市")),
            merges: ["A2:A4", "B5:C6"]).Build();

        var rows = ReadAll(xlsx);

        Assert.Equal([2, 3, 4, 5, 6], rows.Select(r => r.Number));
        AssertCells(["南京市", "IT_INSTITUTIONS", "782"], rows[0]);
        Assert.Null(rows[0].MergeContinuation);
        AssertCells(["南京市", "IT_REVENUE", "144.1"], rows[1]);
        AssertContinuation([true, false, false], rows[1]);
        AssertCells(["南京市", "CERT_FEE_RELIEF", "45"], rows[2]);
        AssertContinuation([true, false, false], rows[2]);
        AssertCells(["无锡市", "7", "7"], rows[3]);
        AssertContinuation([false, false, true], rows[3]);
        AssertCells(["常州市", "7", "7"], rows[4]);
        AssertContinuation([false, true, true], rows[4]);
    }

    [Fact]
    public void Read_MergeCoversRowsAbsentFromPart_ProducesThemWithCarriedValue()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            Row(3, Inline("A3", "南京市"), Number("B3", "1"))
            + Row(6, Inline("A6", "无锡市"), Number("B6", "2")),
            merges: ["A3:A5", "D8:E9"]).Build();

        var rows = ReadAll(xlsx);

        Assert.Equal([3, 4, 5, 6], rows.Select(r => r.Number));
        AssertCells(["南京市", "1"], rows[0]);
        AssertCells(["南京市"], rows[1]);
        AssertContinuation([true], rows[1]);
        AssertCells(["南京市"], rows[2]);
        AssertCells(["无锡市", "2"], rows[3]);
        Assert.Null(rows[3].MergeContinuation);
    }

    [Fact]
    public void Read_MergeWithEmptyTopLeft_EmptiesCoveredCells()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            Row(1, Inline("B1", "covered"), Inline("D1", "kept")),
            merges: ["A1:C1"]).Build();

        var row = Assert.Single(ReadAll(xlsx));

        AssertCells([null, null, null, "kept"], row);
        AssertContinuation([false, true, true, false], row);
    }

    [Fact]
    public void Read_GapsAndMissingReferences_NumbersBySheetRowAndColumn()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            Row(2, Inline("B2", "x"))
            + "<row r=\"5\"><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c><c r=\"E5\"><v>1</v></c><c><v>2</v></c></row>"
            + "<row><c r=\"A6\"><v>3</v></c></row>"
            + "<row r=\"7\"><c r=\"A7\" s=\"1\"/><c r=\"B7\" t=\"inlineStr\"><is><t></t></is></c></row>"
            + "<row r=\"8\" spans=\"1:3\"/>"
            + Row(9, Number("XFD9", "9"))).Build();

        var rows = ReadAll(xlsx);

        Assert.Equal([2, 5, 6, 9], rows.Select(r => r.Number));
        AssertCells([null, "x"], rows[0]);
        AssertCells(["a", "b", null, null, "1", "2"], rows[1]);
        AssertCells(["3"], rows[2]);
        Assert.Equal(16_384, rows[3].Cells.Length);
        Assert.Equal("9", rows[3].Cells[^1]);
    }

    [Theory]
    [InlineData("指标,数值\nIT_REVENUE,452.14\n")]
    [InlineData("")]
    [InlineData("PK")]
    public void Read_NotAZipArchive_ThrowsFormatError(string content)
    {
        var error = ReadFails(Encoding.UTF8.GetBytes(content));

        Assert.Equal(IssueType.FormatError, error.Issue.Type);
        Assert.Equal(NotAZip, error.Message);
    }

    [Fact]
    public void Read_TruncatedZip_ThrowsNotAZipFormatError()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1, Inline("A1", "x"))).Build();

        var error = ReadFails(xlsx[..(xlsx.Length - 30)]);

        Assert.Equal(IssueType.FormatError, error.Issue.Type);
        Assert.Equal(NotAZip, error.Message);
    }

    [Fact]
    public void Read_MissingWorkbookPart_ThrowsFormatError()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1, Inline("A1", "x"))).Without("xl/workbook.xml").Build();

        var error = ReadFails(xlsx);

        Assert.Equal(IssueType.FormatError, error.Issue.Type);
        Assert.Equal("The XLSX workbook has no xl/workbook.xml part. Save it from Excel as .xlsx, or upload a CSV.", error.Message);
    }

    [Fact]
    public void Read_WorkbookWithoutWorksheet_ThrowsFormatError()
    {
        var error = ReadFails(new XlsxBuilder().Build());

        Assert.Equal(IssueType.FormatError, error.Issue.Type);
        Assert.Equal("The XLSX workbook has no worksheet. Put the return on a worksheet, or upload a CSV.", error.Message);
    }

    [Fact]
    public void Read_SheetPartMissing_ThrowsFormatErrorNamingPart()
    {
        var xlsx = new XlsxBuilder().Sheet("数据", Row(1, Inline("A1", "x"))).Without("xl/worksheets/sheet1.xml").Build();

        var error = ReadFails(xlsx);

        Assert.Equal(IssueType.FormatError, error.Issue.Type);
        Assert.Equal("The worksheet '数据' points to the part xl/worksheets/sheet1.xml, which is not in the workbook.", error.Message);
    }

    [Fact]
    public void Read_MalformedSheetXml_ThrowsFormatErrorNamingPart()
    {
        var xlsx = new XlsxBuilder()
            .Sheet("Sheet1", string.Empty)
            .Part("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData></worksheet>")
            .Build();

        var error = ReadFails(xlsx);

        Assert.Equal(IssueType.FormatError, error.Issue.Type);
        Assert.Equal(
            "The XLSX part xl/worksheets/sheet1.xml is not well-formed XML: The 'c' start tag on line 1 position 101 does not match the end tag of 'row'. Line 1, position 120.",
            error.Message);
    }

    [Fact]
    public void Read_SharedStringIndexOutOfRange_ThrowsFormatErrorWithCell()
    {
        var xlsx = new XlsxBuilder().SharedStrings("<t>a</t>").Sheet("Sheet1", Row(3, "<c r=\"B3\" t=\"s\"><v>5</v></c>")).Build();

        var error = ReadFails(xlsx);

        Assert.Equal(new Issue(IssueType.FormatError, "Cell B3 of the worksheet 'Sheet1' refers to shared string '5', but the workbook has 1 shared strings.", 3, "B") { MessageZh = "工作表“Sheet1”的单元格 B3 引用了共享字符串“5”，但工作簿只有 1 个共享字符串。请用 Excel 重新保存工作簿，或上传 CSV。" }, error.Issue);
    }

    [Fact]
    public void Read_RowsOutOfOrder_ThrowsFormatError()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(3, Number("A3", "1")) + Row(2, Number("A2", "2"))).Build();

        var error = ReadFails(xlsx);

        Assert.Equal(new Issue(IssueType.FormatError, "The worksheet 'Sheet1' lists row 2 after row 3; rows must be in ascending order.", 2) { MessageZh = "工作表“Sheet1”把第 2 行列在第 3 行之后；行必须按升序排列。请用 Excel 重新保存工作簿，或上传 CSV。" }, error.Issue);
    }

    [Fact]
    public void Read_PartDecompressesPastLimitDespiteSmallDeclaredSize_ThrowsLimitExceeded()
    {
        var rows = string.Concat(Enumerable.Range(1, 5000).Select(r => Row(r, Number($"A{r}", "1"))));
        var stored = new XlsxBuilder().Sheet("Sheet1", rows).Build(CompressionLevel.NoCompression);
        var bomb = DeclareSize(stored, "xl/worksheets/sheet1.xml", 100);
        var limits = IngestLimits.Default with { MaxXlsxUncompressedBytes = 64 * 1024 };

        using var enumerator = XlsxGridReader.Read(new MemoryStream(bomb), limits).GetEnumerator();
        var error = Assert.Throws<ReturnReadException>(() => enumerator.MoveNext());

        Assert.Equal(IssueType.LimitExceeded, error.Issue.Type);
        Assert.Equal(
            "The XLSX parts decompress past the limit of 65536 bytes (in xl/worksheets/sheet1.xml), although they declare less; the workbook is rejected.",
            error.Message);
    }

    [Fact]
    public void Read_DeflatedPartLongerThanDeclared_IsCutAtDeclaredSizeAndRejected()
    {
        var rows = string.Concat(Enumerable.Range(1, 50_000).Select(r => Row(r, Number($"A{r}", "1"))));
        var bomb = DeclareSize(new XlsxBuilder().Sheet("Sheet1", rows).Build(), "xl/worksheets/sheet1.xml", 100);

        var error = ReadFails(bomb);

        Assert.Equal(IssueType.FormatError, error.Issue.Type);
        Assert.Equal(
            "The XLSX part xl/worksheets/sheet1.xml is not well-formed XML: Unexpected end of file while parsing Name has occurred. Line 1, position 101.",
            error.Message);
    }

    [Fact]
    public void Read_DeclaredSizesOverLimit_ThrowsLimitExceeded()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1, Inline("A1", "x"))).Build();
        using var archive = new ZipArchive(new MemoryStream(xlsx));
        var declared = archive.Entries.Sum(e => e.Length);
        var limits = IngestLimits.Default with { MaxXlsxUncompressedBytes = declared - 1 };

        var error = ReadFails(xlsx, limits);

        Assert.Equal(IssueType.LimitExceeded, error.Issue.Type);
        Assert.Equal(
            $"The XLSX parts declare {declared} bytes when decompressed; at most {declared - 1} bytes are allowed. Split the return, or upload a CSV.",
            error.Message);
    }

    [Fact]
    public void Read_DeclaredSizesOverDefaultLimit_NamesMebibytes()
    {
        var xlsx = DeclareSize(new XlsxBuilder().Sheet("Sheet1", Row(1, Inline("A1", "x"))).Build(), "xl/worksheets/sheet1.xml", 300 * 1024 * 1024);

        var error = ReadFails(xlsx);

        Assert.Equal(IssueType.LimitExceeded, error.Issue.Type);
        Assert.StartsWith("The XLSX parts declare 314", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("bytes when decompressed; at most 256 MiB are allowed. Split the return, or upload a CSV.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreEntriesThanLimit_ThrowsLimitExceeded()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1, Inline("A1", "x"))).Part("docProps/app.xml", "<Properties/>").Build();
        var limits = IngestLimits.Default with { MaxXlsxEntries = 5 };

        var error = ReadFails(xlsx, limits);

        Assert.Equal(IssueType.LimitExceeded, error.Issue.Type);
        Assert.Equal("The XLSX workbook has 6 zip entries; at most 5 are allowed.", error.Message);
    }

    [Fact]
    public void Read_EntriesAtLimit_Reads()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1, Inline("A1", "x"))).Build();
        var limits = IngestLimits.Default with { MaxXlsxEntries = 5 };

        var row = Assert.Single(ReadAll(xlsx, limits));

        AssertCells(["x"], row);
    }

    [Theory]
    [InlineData("xl/worksheets/sheet1.xml")]
    [InlineData("xl/workbook.xml")]
    [InlineData("xl/_rels/workbook.xml.rels")]
    [InlineData("xl/sharedStrings.xml")]
    public void Read_DtdInPart_ThrowsLimitExceededNamingPart(string part)
    {
        var builder = new XlsxBuilder().SharedStrings("<t>a</t>").Sheet("Sheet1", Row(1, Inline("A1", "x")));
        var original = ReadPart(builder.Build(), part);
        var xlsx = builder.Part(part, "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">]>" + original).Build();

        var error = ReadFails(xlsx);

        Assert.Equal(IssueType.LimitExceeded, error.Issue.Type);
        Assert.Equal(
            $"The XLSX part {part} contains a DTD, which is not allowed in any XML part of a return. Save the workbook again from Excel, or upload a CSV.",
            error.Message);
    }

    [Fact]
    public void Read_MoreRowsThanDataRowLimitPlusMargin_ThrowsLimitExceededAfterStreamingTheAllowedRows()
    {
        var rows = string.Concat(Enumerable.Range(1, 1011).Select(r => Row(r, Number($"A{r}", "1"))));
        var xlsx = new XlsxBuilder().Sheet("Sheet1", rows).Build();
        var limits = IngestLimits.Default with { MaxDataRows = 10 };
        var read = 0;

        var error = Assert.Throws<ReturnReadException>(() =>
        {
            foreach (var _ in XlsxGridReader.Read(new MemoryStream(xlsx), limits))
            {
                read++;
            }
        });

        Assert.Equal(1010, read);
        Assert.Equal(new Issue(IssueType.LimitExceeded, "The worksheet 'Sheet1' has more than 1010 rows; a return has at most 10 data rows.", 1011) { MessageZh = "工作表“Sheet1”超过 1010 行；报表最多 10 个数据行。请拆分为多份报表，或请国家局提高上限。" }, error.Issue);
    }

    [Fact]
    public void Read_NonSeekableStream_ThrowsArgumentException()
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream();

        Assert.Throws<ArgumentException>(() => XlsxGridReader.Read(pipe, IngestLimits.Default));
    }

    [Fact]
    public void Read_ShanghaiGolden_ReadsMergedTitleHeaderDataAndFootnote()
    {
        using var file = File.OpenRead(Golden("golden/uploads/310000/2023/上海.xlsx"));

        var rows = XlsxGridReader.Read(file, IngestLimits.Default).ToList();

        Assert.Equal([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13], rows.Select(r => r.Number));
        Assert.Equal(Enumerable.Repeat<string?>("上海市质量基础设施统计表（2023年）", 5), rows[0].Cells);
        AssertContinuation([false, true, true, true, true], rows[0]);
        AssertCells(["指标代码", "指标名称", "数值", "单位", "备注"], rows[1]);
        AssertCells(["STD_SOCIAL_ORG", "团体标准", "2518", "项", "截至年底"], rows[2]);
        Assert.Null(rows[2].MergeContinuation);
        AssertCells(["IT_REVENUE", "检验检测营业收入", "214.93", "亿元"], rows[5]);
        AssertCells(["CERT_FEE_RELIEF", "减免认证费用", "175", "万元"], rows[9]);
        AssertCells(["注：本表数据由上海市市场监督管理局提供。"], rows[10]);
    }

    [Fact]
    public void Read_JiangsuGolden_ReadsDataSheetNotFirstSheet()
    {
        using var file = File.OpenRead(Golden("golden/uploads/320000/2023/jiangsu-by-city.xlsx"));

        var rows = XlsxGridReader.Read(file, IngestLimits.Default).ToList();

        Assert.Equal(Enumerable.Range(1, 17), rows.Select(r => r.Number));
        AssertCells(["江苏省质量基础设施分地市统计（2023年）"], rows[0]);
        Assert.Null(rows[0].MergeContinuation);
        Assert.Equal("地区代码", rows[1].Cells[0]);
        Assert.Equal("减免认证费用(万元)", rows[1].Cells[9]);
        AssertCells(["320000", "合计", "2488", "4090", "2811", "452.14", "2196", "124", "33.45", "415"], rows[2]);
        AssertCells(["320400", "常州市", "245", "277", "190", "8.68", "235", "14", "2.75", "13"], rows[6]);
        AssertCells(["资料来源：江苏省市场监督管理局"], rows[16]);
    }

    private static void AssertCells(IEnumerable<string?> expected, GridRow row) => Assert.Equal(expected, row.Cells);

    private static void AssertContinuation(IEnumerable<bool> expected, GridRow row)
    {
        Assert.NotNull(row.MergeContinuation);
        Assert.Equal(expected, row.MergeContinuation);
    }

    private static List<GridRow> ReadAll(byte[] xlsx, IngestLimits? limits = null) =>
        XlsxGridReader.Read(new MemoryStream(xlsx), limits ?? IngestLimits.Default).ToList();

    private static ReturnReadException ReadFails(byte[] xlsx, IngestLimits? limits = null) =>
        Assert.Throws<ReturnReadException>(() => ReadAll(xlsx, limits));

    private static string ReadPart(byte[] xlsx, string part)
    {
        using var archive = new ZipArchive(new MemoryStream(xlsx));
        using var reader = new StreamReader(archive.GetEntry(part)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A file under the repository's sibling <c>shared/data</c> folder.</summary>
    private static string Golden(string relative) => Path.Combine(SharedData.Data, relative);
}
