using QiIngest.Core.Catalog;

namespace QiIngest.Core.Reading;

/// <summary>
/// One observation as a reader found it, before its value is read: the indicator is resolved, everything else is text,
/// given as cells of a <see cref="GridRow"/>. A grid reader refills one instance (and one row) per row: use it before
/// reading the next.
/// </summary>
internal sealed class RawObservation
{
    /// <summary>1-based line, sheet row or JSON observation index.</summary>
    public int Row { get; set; }

    public Indicator Indicator { get; set; } = null!;

    /// <summary>The row whose cells the indices below select (-1: no such cell).</summary>
    public GridRow Cells { get; set; } = null!;

    public int ValueCell { get; set; } = -1;

    public int UnitCell { get; set; } = -1;

    public int ProvinceCell { get; set; } = -1;

    public int PeriodCell { get; set; } = -1;

    public int NoteCell { get; set; } = -1;

    /// <summary>The region cells of the row, code and name columns in header order.</summary>
    public int[] RegionCells { get; set; } = [];

    /// <summary>Header text of the value's column (or the JSON property), for messages.</summary>
    public string ValueColumn { get; set; } = string.Empty;

    public string? HeaderUnit { get; set; }

    public string? TitleUnit { get; set; }

    public string? ProvinceColumn { get; set; }

    public string? PeriodColumn { get; set; }

    public string? RegionColumn { get; set; }

    public ReadOnlySpan<char> Value => Cells.Span(ValueCell);

    public ReadOnlySpan<char> UnitColumn => Cells.Span(UnitCell);

    public ReadOnlySpan<char> Province => Cells.Span(ProvinceCell);

    public ReadOnlySpan<char> Period => Cells.Span(PeriodCell);

    public ReadOnlySpan<char> Note => Cells.Span(NoteCell);
}
