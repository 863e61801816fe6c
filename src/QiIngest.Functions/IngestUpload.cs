using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;

namespace QiIngest.Functions;

/// <summary>
/// The blob trigger on the uploads container. It binds a <see cref="BlobClient"/> (never the blob's bytes) and hands the
/// blob to the ingestion service, which streams it. The path is <c>uploads/{name}</c> rather than
/// <c>uploads/{reporter}/{period}/{name}</c> on purpose: a blob at a path that does not fit section 4 must still get a
/// <c>path-error</c> receipt, and a narrower pattern would never fire for it. The service reads reporter and period from
/// the name. Expected bad input returns normally; infrastructure faults throw, so the host retries and then poisons.
/// </summary>
public sealed class IngestUpload(IUploadIngestor ingestor)
{
    /// <summary>The trigger path: every blob of the uploads container.</summary>
    public const string BlobPath = "uploads/{name}";

    [Function(nameof(IngestUpload))]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = StorageOptions.ConnectionName)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        await ingestor.IngestAsync(name, cancellationToken);
    }
}
