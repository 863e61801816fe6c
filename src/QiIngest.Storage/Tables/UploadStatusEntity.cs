using Azure;
using Azure.Data.Tables;

namespace QiIngest.Storage.Tables;

/// <summary>A row of the status table: partition = the upload's escaped blob name, row = <see cref="RowKeyValue"/>.</summary>
public sealed class UploadStatusEntity : ITableEntity
{
    /// <summary>The one row key of every status row.</summary>
    public const string RowKeyValue = "status";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = RowKeyValue;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string BlobName { get; set; } = string.Empty;

    public string State { get; set; } = string.Empty;

    public int Attempt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public string? Outcome { get; set; }

    /// <summary>The ETag of the blob whose bytes the final receipt describes.</summary>
    public string? BlobETag { get; set; }
}
