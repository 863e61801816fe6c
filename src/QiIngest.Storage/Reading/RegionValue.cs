namespace QiIngest.Storage.Reading;

/// <summary>One region's (city's) value of an indicator, from the observation rows of a current version.</summary>
public sealed record RegionValue(string Reporter, int Version, string Indicator, string? RegionCode, string? RegionName, decimal? Value, string Unit, string? Note, int Row);
