using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;

namespace QiIngest.LocalHost;

/// <summary>
/// The blob trigger of the local host: the Functions app's <c>IngestUpload</c>, under the WebJobs SDK with a polling
/// (container scan) trigger instead of Event Grid. Like the Functions app it watches <c>{container}/{name}</c>, not
/// <c>{container}/{reporter}/{period}/{name}</c>: a blob at a path that does not fit section 4 must still reach the
/// ingestion service and get a <c>path-error</c> receipt. The container is the setting
/// <c>QiIngest:Storage:UploadsContainer</c> (<c>uploads</c> by default), the same one the services read, so a test can
/// give each host a container of its own. Blob receipts, retries and the poison queue <c>webjobs-blobtrigger-poison</c>
/// work as in Azure: expected bad input returns normally; an infrastructure fault throws and is retried
/// <c>AzureWebJobs:Extensions:Blobs:PoisonBlobThreshold</c> times, then <c>RedrivePoisonedUpload</c> takes it.
/// </summary>
public sealed class IngestUpload(UploadTrigger trigger)
{
    /// <summary>The trigger path.</summary>
    public const string BlobPath = "%" + LocalHostSettings.UploadsContainer + "%/{name}";

    [FunctionName(nameof(IngestUpload))]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Connection = StorageOptions.ConnectionName)] BlobClient blob,
        string? name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        await trigger.RunAsync(blob.BlobContainerName, name, cancellationToken);
    }
}
