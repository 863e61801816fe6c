using QiIngest.Core.Validation;
using static QiIngest.Core.Tests.Reading.XlsxBuilder;

namespace QiIngest.Core.Tests.Reading;

/// <summary>An issue at a worksheet cell names the cell's address with its row and column, in both languages (issue 12, item 8).</summary>
public class XlsxCellAddressTests
{
    private const string Title = "江苏省质量基础设施统计";

    [Fact]
    public void Check_IssuesAtCells_StartWithRowColumnAndCellAddress()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            Row(1, Inline("A1", Title))
            + Row(5, Inline("A5", "指标代码"), Inline("B5", "指标名称"), Inline("C5", "数值"), Inline("D5", "单位"), Inline("E5", "填报人"))
            + Row(6, Inline("A6", "IT_REVENUE"), Inline("B6", "检验检测营业收入"), Number("C6", "5"), Inline("D6", "kg"))
            + Row(7, Inline("A7", "团体标谁"), Number("C7", "1"))
            + Row(8, Inline("A8", "IT_INSTITUTIONS"), Inline("C8", "—"))
            + Row(9, Inline("A9", "IT_INSTITUTIONS_PRIVATE"), Number("C9", "1.5"))).Build();
        var csv = $"{Title}\n\n\n\n指标代码,指标名称,数值,单位,填报人\nIT_REVENUE,检验检测营业收入,5,kg,\n团体标谁,,1,,\nIT_INSTITUTIONS,,—,,\nIT_INSTITUTIONS_PRIVATE,,1.5,,\n";

        var fromXlsx = Checks.Run(xlsx, file: "return.xlsx");
        var fromCsv = Checks.Run(csv);

        var cells = new[] { ("C6", 6, "数值"), ("A7", 7, "指标代码"), ("C9", 9, "数值") };
        Assert.Equal(cells.Select(c => (c.Item2, c.Item3)), fromXlsx.Errors.Select(e => (e.Row!.Value, e.Column!)));
        Assert.Equal(fromCsv.Errors.Select(e => (e.Type, e.Row, e.Column)), fromXlsx.Errors.Select(e => (e.Type, e.Row, e.Column)));
        for (var i = 0; i < cells.Length; i++)
        {
            var (cell, row, column) = cells[i];
            Assert.Equal($"Row {row}, column {column} (cell {cell}): {fromCsv.Errors[i].Message}", fromXlsx.Errors[i].Message);
            Assert.Equal($"第 {row} 行 {column} 列（单元格 {cell}）：{fromCsv.Errors[i].MessageZh}", fromXlsx.Errors[i].MessageZh);
        }

        var extra = Assert.Single(fromXlsx.Warnings, w => w.Type == IssueType.ExtraLabel);
        Assert.Equal("Row 5, column 填报人 (cell E5): The column '填报人' is not a column of the form or an indicator of the catalog; it was ignored.", extra.Message);
        Assert.Equal("第 5 行 填报人 列（单元格 E5）：列“填报人”既不是报表的列，也不是指标目录中的指标，已忽略。", extra.MessageZh);
        var missing = Assert.Single(fromXlsx.Warnings, w => w.Type == IssueType.MissingCell);
        Assert.Equal(new Issue(IssueType.MissingCell, "Row 8, column 数值 (cell C8): The value of IT_INSTITUTIONS is missing; it is recorded as missing, not as zero.", 8, "数值")
        {
            MessageZh = "第 8 行 数值 列（单元格 C8）：IT_INSTITUTIONS 的数值缺失；按缺失记录，不按 0 记录。",
        }, missing);
    }

    [Fact]
    public void Check_WideLayoutAndMismatchedProvince_NameTheirOwnCells()
    {
        var xlsx = new XlsxBuilder().Sheet("数据",
            Row(2, Inline("B2", "省份"), Inline("C2", "IT_INSTITUTIONS"), Inline("D2", "IT_INSTITUTIONS_PRIVATE"))
            + Row(3, Inline("B3", "浙江"), Number("C3", "10"), Number("D3", "-1"))).Build();

        var result = Checks.Run(xlsx, file: "return.xlsx");

        Assert.Equal(
            ["Row 3, column 省份 (cell B3): ", "Row 3, column IT_INSTITUTIONS_PRIVATE (cell D3): "],
            result.Errors.Select(e => e.Message[..(e.Message.IndexOf("): ", StringComparison.Ordinal) + 3)]));
        Assert.All(result.Errors, e => Assert.StartsWith($"第 3 行 {e.Column} 列（单元格 {(e.Column == "省份" ? "B3" : "D3")}）：", e.MessageZh, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_CsvAndIssuesOfNoCell_HaveNoCellAddress()
    {
        var csv = Checks.Run("indicator,value\nIT_INSTITUTIONS,x\n");
        var xlsx = Checks.Run(
            new XlsxBuilder().Sheet("Sheet1",
                Row(1, Inline("A1", "region"), Inline("B1", "indicator"), Inline("C1", "value"))
                + Row(2, Inline("B2", "IT_INSTITUTIONS"), Number("C2", "10"))
                + Row(3, Inline("A3", "南京市"), Inline("B3", "IT_INSTITUTIONS"), Number("C3", "4"))).Build(),
            file: "return.xlsx");

        Assert.StartsWith("'x' is not a number", Assert.Single(csv.Errors).Message, StringComparison.Ordinal);
        Assert.All(xlsx.Warnings, w => Assert.DoesNotContain("(cell ", w.Message, StringComparison.Ordinal));
        Assert.Contains(xlsx.Warnings, w => w.Type == IssueType.TotalMismatch);
    }
}
