using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace QiIngest.Storage;

/// <summary>The containers and tables of the data account, from the SDK's service clients.</summary>
public sealed class QiStorage(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues, IOptions<StorageOptions> options)
{
    private readonly StorageOptions _options = options.Value;

    public BlobServiceClient Blobs => blobs;

    public TableServiceClient Tables => tables;

    public QueueServiceClient Queues => queues;

    public StorageOptions Options => _options;

    public BlobContainerClient Uploads => blobs.GetBlobContainerClient(_options.UploadsContainer);

    public BlobContainerClient Receipts => blobs.GetBlobContainerClient(_options.ReceiptsContainer);

    public BlobContainerClient Reports => blobs.GetBlobContainerClient(_options.ReportsContainer);

    public TableClient Submissions => tables.GetTableClient(_options.SubmissionsTable);

    public TableClient Observations => tables.GetTableClient(_options.ObservationsTable);

    public TableClient Aggregates => tables.GetTableClient(_options.AggregatesTable);

    /// <summary>The status of every upload (<c>UploadStatusStore</c>).</summary>
    public TableClient Status => tables.GetTableClient(_options.StatusTable);

    /// <summary>The delayed retries of uploads (<c>RedriveService</c>).</summary>
    public QueueClient RetryQueue => queues.GetQueueClient(_options.RetryQueue);

    /// <summary>Where the blob trigger moves an upload after its last try: in this account, because the trigger's connection is this one.</summary>
    public QueueClient PoisonQueue => queues.GetQueueClient(StorageOptions.PoisonQueue);

    /// <summary>Creates the containers, tables and queues if they do not exist; <see cref="StorageProvisioner"/> calls it at start-up and first use.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var container in new[] { Uploads, Receipts, Reports })
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var table in new[] { Submissions, Observations, Aggregates, Status })
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        foreach (var queue in new[] { RetryQueue, PoisonQueue })
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
