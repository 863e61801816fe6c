namespace QiIngest.Core;

/// <summary>One normalised observation of an accepted return, in the indicator's canonical unit.</summary>
/// <param name="Indicator">The canonical indicator code.</param>
/// <param name="RegionCode">The six-digit code of a sub-provincial region, when the row gives one.</param>
/// <param name="RegionName">The region's name as given, when the row gives one.</param>
/// <param name="Value">The value in the canonical unit; null when the cell was missing (never zero).</param>
/// <param name="Unit">The canonical unit label.</param>
/// <param name="Note">Free text kept as an attribute.</param>
/// <param name="Row">Where it came from: line, sheet row or JSON observation index.</param>
public sealed record Observation(string Indicator, string? RegionCode, string? RegionName, decimal? Value, string Unit, string? Note, int Row)
{
    /// <summary>True for the province's (or the nation's) own total, false for a region row.</summary>
    public bool IsTotal => RegionCode is null && RegionName is null;

    /// <summary>The region's identity within a return: its code, else its name's key; empty for the total row.</summary>
    public string RegionKey { get; } = RegionCode ?? (RegionName is null ? string.Empty : Text.Key(RegionName));
}
