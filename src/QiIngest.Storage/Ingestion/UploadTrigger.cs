using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace QiIngest.Storage.Ingestion;

/// <summary>
/// What both hosts' blob triggers do with a blob: ingest it when it is in the configured uploads container, skip it with
/// a log line otherwise. An Event Grid subscription wider than the container (a <c>receipts/…</c> event) reaches the
/// function with no <c>{name}</c>; that is not a fault to retry and poison, just not an upload.
/// </summary>
public sealed partial class UploadTrigger(IUploadIngestor ingestor, IOptions<StorageOptions> options, ILogger<UploadTrigger> logger)
{
    /// <summary>Ingests <paramref name="blobName"/> of <paramref name="container"/>, or skips it when that is not the uploads container.</summary>
    /// <returns>True when it was handed to the ingestor.</returns>
    public async Task<bool> RunAsync(string? container, string? blobName, CancellationToken cancellationToken = default)
    {
        var uploads = options.Value.UploadsContainer;
        if (string.IsNullOrEmpty(blobName) || !string.Equals(container, uploads, StringComparison.Ordinal))
        {
            LogSkipped(logger, container ?? string.Empty, blobName ?? string.Empty, uploads);
            return false;
        }

        await ingestor.IngestAsync(blobName, cancellationToken);
        return true;
    }

    [LoggerMessage(20, LogLevel.Information, "Skipped the blob event for {Container}/{BlobName}: only the uploads container {Uploads} is ingested")]
    private static partial void LogSkipped(ILogger logger, string container, string blobName, string uploads);
}
