using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;

namespace QiIngest.Functions;

/// <summary>
/// The blob trigger on the uploads container. It binds a <see cref="BlobClient"/> (never the blob's bytes) and hands the
/// blob to the ingestion service, which streams it. The container is the setting
/// <c>QiIngest:Storage:UploadsContainer</c> (app setting <c>QiIngest__Storage__UploadsContainer</c>), the one the
/// services read. The path is <c>{container}/{name}</c> rather than <c>{container}/{reporter}/{period}/{name}</c> on
/// purpose: a blob at a path that does not fit section 4 must still get a <c>path-error</c> receipt. An event for another
/// container is skipped with a log line. Expected bad input returns normally; infrastructure faults throw, so the host
/// retries and then poisons, and <c>RedrivePoisonedUpload</c> takes it from there.
/// </summary>
public sealed class IngestUpload(UploadTrigger trigger)
{
    /// <summary>The trigger path: every blob of the configured uploads container.</summary>
    public const string BlobPath = "%" + StorageOptions.UploadsContainerSetting + "%/{name}";

    [Function(nameof(IngestUpload))]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = StorageOptions.ConnectionName)] BlobClient blob,
        string? name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        await trigger.RunAsync(blob.BlobContainerName, name, cancellationToken);
    }
}
