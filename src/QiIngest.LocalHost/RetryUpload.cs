using Microsoft.Azure.WebJobs;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;

namespace QiIngest.LocalHost;

/// <summary>The retry queue's trigger (<c>QiIngest:Storage:RetryQueue</c>): ingests an upload whose delay is over, or queues its next retry.</summary>
public sealed class RetryUpload(RedriveService redrive)
{
    /// <summary>The queue: the setting the services read.</summary>
    public const string Queue = "%" + StorageOptions.RetryQueueSetting + "%";

    [FunctionName(nameof(RetryUpload))]
    public async Task RunAsync([QueueTrigger(Queue, Connection = StorageOptions.ConnectionName)] string message, CancellationToken cancellationToken) =>
        await redrive.RetryAsync(message, cancellationToken);
}
