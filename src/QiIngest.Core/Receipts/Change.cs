using System.Text.Json.Serialization;

namespace QiIngest.Core.Receipts;

/// <summary>One indicator whose value a corrected upload changed.</summary>
/// <param name="Indicator">The indicator code.</param>
/// <param name="Old">The value in the replaced version (null when missing or absent).</param>
/// <param name="New">The value in the new version (null when missing or absent).</param>
public sealed record Change(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("old")] decimal? Old,
    [property: JsonPropertyName("new")] decimal? New);
