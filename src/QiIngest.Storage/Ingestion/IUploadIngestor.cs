using QiIngest.Core.Receipts;

namespace QiIngest.Storage.Ingestion;

/// <summary>The seam the hosts' triggers call: ingest one uploaded blob.</summary>
public interface IUploadIngestor
{
    /// <summary>Ingests the blob <paramref name="blobName"/> of the uploads container; null when it no longer exists.</summary>
    Task<Receipt?> IngestAsync(string blobName, CancellationToken cancellationToken = default);
}
