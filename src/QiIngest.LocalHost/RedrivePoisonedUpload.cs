using Microsoft.Azure.WebJobs;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;

namespace QiIngest.LocalHost;

/// <summary>
/// The poison queue's trigger: the blob trigger moves an upload here after its own tries, in the data account (its
/// connection); this records the attempt and queues a delayed retry (<see cref="RedriveService"/>).
/// </summary>
public sealed class RedrivePoisonedUpload(RedriveService redrive)
{
    [FunctionName(nameof(RedrivePoisonedUpload))]
    public async Task RunAsync([QueueTrigger(StorageOptions.PoisonQueue, Connection = StorageOptions.ConnectionName)] string message, CancellationToken cancellationToken) =>
        await redrive.HandlePoisonAsync(message, cancellationToken);
}
