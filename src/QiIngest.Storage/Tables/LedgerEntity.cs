using Azure;
using Azure.Data.Tables;

namespace QiIngest.Storage.Tables;

/// <summary>
/// A row of the submissions ledger. One partition per (reporter, period) holds the versions (<c>v000001</c> …), the
/// <c>current</c> pointer and one <c>sha-…</c> row per distinct file, so that a commit is one atomic transaction.
/// </summary>
public sealed class LedgerEntity : ITableEntity
{
    public const string CurrentRowKey = "current";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Reporter { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    /// <summary>The version (for a version row, the pointer, or an accepted file's sha row); null for a rejected file.</summary>
    public int? Version { get; set; }

    public string? Sha256 { get; set; }

    public string? File { get; set; }

    /// <summary>The upload's blob name within the uploads container.</summary>
    public string? BlobName { get; set; }

    /// <summary>The receipt's blob name within the receipts container.</summary>
    public string? ReceiptName { get; set; }

    /// <summary>The prefix of the version's observations partitions (<c>{prefix}-0000</c> …).</summary>
    public string? DataPartition { get; set; }

    /// <summary>Indicator → canonical value, as JSON with exact decimals: the per-version summary the rollup reads.</summary>
    public string? Totals { get; set; }

    public int? Observations { get; set; }

    public int? Supersedes { get; set; }

    /// <summary>The changes against the superseded version, as JSON.</summary>
    public string? Changes { get; set; }

    public string? Outcome { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>When the upload was made, as the blob service reports it (<c>Last-Modified</c> of the bytes read): the order of versions.</summary>
    public DateTimeOffset? UploadedAt { get; set; }

    /// <summary>The version, uploaded later, that was current when this one committed (so this one did not become current).</summary>
    public int? SupersededBy { get; set; }

    /// <summary>On a staging marker (<c>stage-{sha256}</c>): when staging began.</summary>
    public DateTimeOffset? StagingStartedAt { get; set; }

    /// <summary>On a staging marker: the sweep is deleting its rows; an ingestion of the same bytes must wait.</summary>
    public bool? Collecting { get; set; }
}
