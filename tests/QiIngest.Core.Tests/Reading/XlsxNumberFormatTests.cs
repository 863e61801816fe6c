using QiIngest.Core.Reading;
using QiIngest.Core.Validation;
using static QiIngest.Core.Tests.Reading.XlsxBuilder;

namespace QiIngest.Core.Tests.Reading;

/// <summary>The three number-format rules of section 5.5: percent is a fraction, a date is not a figure, 15 digits.</summary>
public class XlsxNumberFormatTests
{
    private const int Custom = 164;

    public static TheoryData<int> DateBuiltIns() => [.. Enumerable.Range(14, 9), .. Enumerable.Range(27, 10), .. Enumerable.Range(45, 3), .. Enumerable.Range(50, 9)];

    public static TheoryData<int> NumberBuiltIns() => [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 23, 24, 25, 26, 37, 38, 39, 40, 41, 42, 43, 44, 48, 49, 59, 81];

    [Theory]
    [MemberData(nameof(DateBuiltIns))]
    public void Check_CountInBuiltInDateFormat_IsTypeErrorAtItsCell(int id)
    {
        var result = Checks.Run(Long("IT_INSTITUTIONS", "75", [id]), file: "return.xlsx");

        Assert.Equal(Outcome.Rejected, result.Outcome);
        Assert.Equal(DateIssue("75", 2, "value", "B2"), Assert.Single(result.Errors));
    }

    [Theory]
    [MemberData(nameof(NumberBuiltIns))]
    public void Check_CountInBuiltInNumberFormat_IsTheStoredNumber(int id)
    {
        var result = Checks.Run(Long("IT_INSTITUTIONS", "75", [id]), file: "return.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(75m, result.Totals["IT_INSTITUTIONS"]);
    }

    [Theory]
    [InlineData("yyyy-mm-dd")]
    [InlineData("yyyy\"年\"m\"月\"d\"日\"")]
    [InlineData("[$-804]yyyy\"年\"m\"月\"")]
    [InlineData("h:mm")]
    [InlineData("mm:ss")]
    [InlineData("[h]:mm:ss")]
    [InlineData("D")]
    [InlineData("0;\"y\";Y")]
    [InlineData("0.00\\ h")]
    public void Check_CountInCustomDateFormat_IsTypeError(string code)
    {
        var result = Checks.Run(Long("IT_INSTITUTIONS", "75", [Custom], (Custom, code)), file: "return.xlsx");

        Assert.Equal(DateIssue("75", 2, "value", "B2"), Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData("0\"天\"")]
    [InlineData("0\"day\"")]
    [InlineData("0\\d")]
    [InlineData("[h]")]
    [InlineData("[Red][<=100]0;[Blue]0")]
    [InlineData("mm")]
    [InlineData("0\"万元\"")]
    [InlineData("#,##0,")]
    [InlineData("General")]
    [InlineData("0.0E+00")]
    public void Check_CountInCustomNumberFormat_IsTheStoredNumberUninterpreted(string code)
    {
        var result = Checks.Run(Long("IT_INSTITUTIONS", "75", [Custom], (Custom, code)), file: "return.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(75m, result.Totals["IT_INSTITUTIONS"]);
    }

    [Theory]
    [InlineData(14, "0.00", 75)] // the file's own code for a date id makes it a number
    [InlineData(9, "0", 75)] // and for a percent id
    public void Check_FileDefinesItsOwnCodeForBuiltInId_ItsCodeDecides(int id, string code, int expected)
    {
        var result = Checks.Run(Long("IT_INSTITUTIONS", "75", [id], (id, code)), file: "return.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Totals["IT_INSTITUTIONS"]);
    }

    [Fact]
    public void Check_FileDefinesDateCodeForNumberId_IsTypeError()
    {
        var result = Checks.Run(Long("IT_INSTITUTIONS", "75", [1], (1, "yyyy-mm-dd")), file: "return.xlsx");

        Assert.Equal(DateIssue("75", 2, "value", "B2"), Assert.Single(result.Errors));
    }

    [Theory]
    [InlineData(10, null, "0.8335", 83.35)]
    [InlineData(9, null, "0.6347", 63.47)]
    [InlineData(Custom, "0.0%", "0.452", 45.2)]
    [InlineData(Custom, "[Red]0.00%", "1", 100)]
    [InlineData(Custom, "0.00\\%", "0.5", 50)]
    [InlineData(Custom, "0.00%", "0.83350000000000002", 83.35)]
    public void Check_RateInPercentFormat_IsOneHundredTimesTheFraction(int id, string? code, string cached, double expected)
    {
        var codes = code is null ? Array.Empty<(int, string)>() : [(id, code)];

        var result = Checks.Run(Long("STD_INTL_CONVERSION_RATE", cached, [id], codes), reporter: "100000", file: "return.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal((decimal)expected, result.Totals["STD_INTL_CONVERSION_RATE"]);
    }

    [Fact]
    public void Check_RateAsFractionInGeneralFormat_IsTheStoredNumber()
    {
        var result = Checks.Run(Long("STD_INTL_CONVERSION_RATE", "0.8335", [0]), reporter: "100000", file: "return.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(0.8335m, result.Totals["STD_INTL_CONVERSION_RATE"]);
    }

    [Theory]
    [InlineData("IT_INSTITUTIONS", "The unit '%' does not fit IT_INSTITUTIONS, which is a count (家, 个, 项, 件): give the value in 家.")]
    [InlineData("IT_REVENUE", "The unit '%' does not fit IT_REVENUE, which is money (元, 万元, 亿元): give the value in 元, 万元 or 亿元.")]
    public void Check_CountOrMoneyInPercentFormat_IsUnitErrorAtItsCell(string indicator, string message)
    {
        var result = Checks.Run(Long(indicator, "0.75", [10]), file: "return.xlsx");

        Assert.Equal(Outcome.Rejected, result.Outcome);
        // The Chinese message is pinned by the core's bilingual message tests.
        Assert.Equal(new Issue(IssueType.UnitError, $"Row 2, column value (cell B2): {message}", 2, "value"), Assert.Single(result.Errors) with { MessageZh = null });
    }

    [Fact]
    public void Check_DateFormatOutsideTheValueColumn_IsNotAnError()
    {
        var xlsx = new XlsxBuilder().Styles([0, 14]).Sheet("Sheet1",
            Row(1, Inline("A1", "indicator"), Inline("B1", "value"), Inline("C1", "note"))
            + Row(2, Inline("A2", "IT_INSTITUTIONS"), Number("B2", "75", 0), Number("C2", "45291", 1))).Build();

        var result = Checks.Run(xlsx, file: "return.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(75m, result.Totals["IT_INSTITUTIONS"]);
    }

    [Fact]
    public void Check_DateFormattedCellsInWideLayout_AreTypeErrorsAtTheirColumns()
    {
        var xlsx = new XlsxBuilder().Styles([0, 14, 22]).Sheet("Sheet1",
            Row(1, Inline("A1", "IT_INSTITUTIONS"), Inline("B1", "IT_INSTITUTIONS_PRIVATE"), Inline("C1", "STD_SOCIAL_ORG"))
            + Row(2, Number("A2", "75", 1), Number("B2", "40", 0), Number("C2", "12.5", 2))).Build();

        var result = Checks.Run(xlsx, file: "return.xlsx");

        Assert.Equal(
            [DateIssue("75", 2, "IT_INSTITUTIONS", "A2"), DateIssue("12.5", 2, "STD_SOCIAL_ORG", "C2")],
            result.Errors);
    }

    [Fact]
    public void Check_MergedDateFormattedValue_IsTypeErrorOnEveryRowItCovers()
    {
        var xlsx = new XlsxBuilder().Styles([0, 14]).Sheet("Sheet1",
            Row(1, Inline("A1", "region"), Inline("B1", "indicator"), Inline("C1", "value"))
            + Row(2, Inline("A2", "南京市"), Inline("B2", "IT_INSTITUTIONS"), Number("C2", "75", 1))
            + Row(3, Inline("A3", "无锡市"), Inline("B3", "IT_INSTITUTIONS")),
            merges: ["C2:C3"]).Build();

        var result = Checks.Run(xlsx, file: "return.xlsx");

        Assert.Equal([DateIssue("75", 2, "value", "C2"), DateIssue("75", 3, "value", "C3")], result.Errors);
    }

    [Theory]
    [InlineData("11.000000000000002", 11)]
    [InlineData("2488.0000000000005", 2488)]
    public void Check_CountWithBinaryNoise_IsRoundedTo15SignificantDigits(string cached, int expected)
    {
        var result = Checks.Run(Long("IT_INSTITUTIONS", cached, [0]), file: "return.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Totals["IT_INSTITUTIONS"]);
    }

    [Theory]
    [InlineData(10, "0.8335", "83.35%", false)]
    [InlineData(10, "-0.125", "-12.5%", false)]
    [InlineData(10, "0.30000000000000004", "30%", false)]
    [InlineData(9, "12", "1200%", false)]
    [InlineData(9, "1E+30", "1E+32%", false)]
    [InlineData(14, "45291", "45291", true)]
    [InlineData(0, "45291", "45291", false)]
    public void Read_NumericCellByFormat_GivesPercentTextOrDateFlag(int id, string cached, string text, bool date)
    {
        var xlsx = new XlsxBuilder().Styles([id]).Sheet("Sheet1", Row(1, Number("A1", cached, 0), Inline("B1", "x"))).Build();

        var row = Assert.Single(XlsxGridReader.Read(new MemoryStream(xlsx), IngestLimits.Default));

        Assert.Equal(new string?[] { text, "x" }, row.Cells);
        Assert.Equal(date, row.IsDateFormatted(0));
        Assert.False(row.IsDateFormatted(1));
    }

    [Theory]
    [InlineData("<c r=\"A1\" s=\"0\" t=\"s\"><v>0</v></c>", "0.5")]
    [InlineData("<c r=\"A1\" s=\"0\" t=\"str\"><v>0.5</v></c>", "0.5")]
    [InlineData("<c r=\"A1\" s=\"0\" t=\"inlineStr\"><is><t>0.5</t></is></c>", "0.5")]
    [InlineData("<c r=\"A1\" s=\"7\"><v>0.5</v></c>", "0.5")]
    public void Read_TextCellsAndUnknownStyles_AreNotInterpreted(string cell, string text)
    {
        var xlsx = new XlsxBuilder().SharedStrings("<t>0.5</t>").Styles([10]).Sheet("Sheet1", Row(1, cell)).Build();

        var row = Assert.Single(XlsxGridReader.Read(new MemoryStream(xlsx), IngestLimits.Default));

        Assert.Equal(new string?[] { text }, row.Cells);
        Assert.False(row.IsDateFormatted(0));
    }

    [Fact]
    public void Read_StyleIndexWithoutStylesPart_IsGeneral()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", Row(1, Number("A1", "0.5", 3))).Build();

        var row = Assert.Single(XlsxGridReader.Read(new MemoryStream(xlsx), IngestLimits.Default));

        Assert.Equal(new string?[] { "0.5" }, row.Cells);
        Assert.False(row.IsDateFormatted(0));
    }

    /// <summary>The type-error of a date-formatted value cell, in both languages, with its row, column and cell address (issue 12, items 3 and 8).</summary>
    private static Issue DateIssue(string value, int row, string column, string cell) =>
        new(IssueType.TypeError, $"Row {row}, column {column} (cell {cell}): '{value}' is a number in a date or time format, so Excel shows it as a date or a time: a date is not a figure. Format the cell as a number (General) and enter the figure.", row, column)
        {
            MessageZh = $"第 {row} 行 {column} 列（单元格 {cell}）：“{value}”是设成日期或时间格式的数字，Excel 会把它显示为日期或时间：日期不是统计数字。请把单元格格式设为数值（常规）后填入数字。",
        };

    /// <summary>A long-layout return with one observation whose value cell has cell style 0.</summary>
    private static byte[] Long(string indicator, string cached, int[] cellFormats, params (int Id, string Code)[] codes) =>
        new XlsxBuilder().Styles(cellFormats, codes).Sheet("Sheet1",
            Row(1, Inline("A1", "indicator"), Inline("B1", "value"))
            + Row(2, Inline("A2", indicator), Number("B2", cached, 0))).Build();
}
