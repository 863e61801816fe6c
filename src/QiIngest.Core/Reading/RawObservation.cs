using QiIngest.Core.Catalog;

namespace QiIngest.Core.Reading;

/// <summary>
/// One observation as a reader found it, before its value is read: the indicator is resolved, everything else is text.
/// </summary>
internal sealed record RawObservation
{
    /// <summary>1-based line, sheet row or JSON observation index.</summary>
    public required int Row { get; init; }

    /// <summary>Header text of the value's column (or the JSON property), for messages.</summary>
    public required string ValueColumn { get; init; }

    public required Indicator Indicator { get; init; }

    public required string? Value { get; init; }

    public string? UnitColumn { get; init; }

    public string? HeaderUnit { get; init; }

    public string? TitleUnit { get; init; }

    public string? Province { get; init; }

    public string? ProvinceColumn { get; init; }

    public string? Period { get; init; }

    public string? PeriodColumn { get; init; }

    /// <summary>The region cells of the row, code and name columns in header order.</summary>
    public IReadOnlyList<string?> Regions { get; init; } = [];

    public string? RegionColumn { get; init; }

    public string? Note { get; init; }
}
