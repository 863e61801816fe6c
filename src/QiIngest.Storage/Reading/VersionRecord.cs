using System.Text.Json.Serialization;
using QiIngest.Core.Receipts;

namespace QiIngest.Storage.Reading;

/// <summary>One accepted version of a (reporter, period), as the ledger keeps it.</summary>
public sealed record VersionRecord
{
    public required string Reporter { get; init; }

    public required string Period { get; init; }

    public required int Version { get; init; }

    public required string File { get; init; }

    public required string? Sha256 { get; init; }

    /// <summary>accepted or accepted-with-warnings.</summary>
    public required string Outcome { get; init; }

    public required DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>Indicator → province value in the canonical unit; null when missing.</summary>
    public required IReadOnlyDictionary<string, decimal?> Totals { get; init; }

    /// <summary>The changes against the version it replaced.</summary>
    public required IReadOnlyList<Change> Changes { get; init; }

    public required int? Supersedes { get; init; }

    /// <summary>How many observation rows the version has.</summary>
    public required int Observations { get; init; }

    /// <summary>The receipt's name in the receipts container.</summary>
    [JsonIgnore]
    public string? ReceiptName { get; init; }

    /// <summary>The prefix of the version's observations partitions.</summary>
    [JsonIgnore]
    internal string? DataPartition { get; init; }
}
