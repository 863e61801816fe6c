namespace QiIngest.Core.Reading;

/// <summary>
/// One row of a CSV or worksheet, before any interpretation.
/// </summary>
/// <param name="Number">1-based line (CSV) or sheet row number (XLSX).</param>
/// <param name="Cells">Cell texts by 0-based column; null or empty for an empty cell. Merged data cells carry the merge's value.</param>
/// <param name="MergeContinuation">For XLSX: true for a cell that is covered by a merge but is not its top-left cell; null when the row has none.</param>
internal sealed record GridRow(int Number, string?[] Cells, bool[]? MergeContinuation = null)
{
    public bool IsContinuation(int column) => MergeContinuation is not null && column < MergeContinuation.Length && MergeContinuation[column];
}
