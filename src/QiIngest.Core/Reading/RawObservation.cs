using QiIngest.Core.Catalog;

namespace QiIngest.Core.Reading;

/// <summary>
/// One observation as a reader found it, before its value is read: the indicator is resolved, everything else is text.
/// The texts may point into the reader's row buffer, and a grid reader refills one instance per row: use it before reading
/// the next.
/// </summary>
internal sealed class RawObservation
{
    /// <summary>1-based line, sheet row or JSON observation index.</summary>
    public int Row { get; set; }

    /// <summary>Header text of the value's column (or the JSON property), for messages.</summary>
    public string ValueColumn { get; set; } = string.Empty;

    public Indicator Indicator { get; set; } = null!;

    public ReadOnlyMemory<char> Value { get; set; }

    public ReadOnlyMemory<char> UnitColumn { get; set; }

    public string? HeaderUnit { get; set; }

    public string? TitleUnit { get; set; }

    public ReadOnlyMemory<char> Province { get; set; }

    public string? ProvinceColumn { get; set; }

    public ReadOnlyMemory<char> Period { get; set; }

    public string? PeriodColumn { get; set; }

    /// <summary>The region cells of the row, code and name columns in header order.</summary>
    public ReadOnlyMemory<char>[] Regions { get; set; } = [];

    public string? RegionColumn { get; set; }

    public ReadOnlyMemory<char> Note { get; set; }
}
