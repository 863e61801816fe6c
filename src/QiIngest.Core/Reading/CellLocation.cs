using System.Globalization;
using QiIngest.Core.Reading.Xlsx;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Reading;

/// <summary>
/// Where an issue of a worksheet cell is (issue 12, item 8): the message starts with the row, the column's header text and
/// the cell address that Excel shows, "Row 6, column 单位 (cell D6): …" / "第 6 行 单位 列（单元格 D6）：…". The receipt's
/// <c>row</c> and <c>column</c> stay as section 9 defines them.
/// </summary>
internal static class CellLocation
{
    /// <summary>The cell address of a 1-based row and 0-based column, such as <c>D6</c>.</summary>
    public static string Address(int row, int column) => SpreadsheetXml.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>The issue with its cell address at the start of both messages.</summary>
    public static Issue Prefix(Issue issue, string address) => issue with
    {
        Message = string.Create(CultureInfo.InvariantCulture, $"Row {issue.Row}, column {issue.Column} (cell {address}): {issue.Message}"),
        MessageZh = issue.MessageZh is null ? null : string.Create(CultureInfo.InvariantCulture, $"第 {issue.Row} 行 {issue.Column} 列（单元格 {address}）：{issue.MessageZh}"),
    };
}
