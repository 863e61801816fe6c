using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using QiIngest.Storage.Tables;

namespace QiIngest.Storage.Ingestion;

/// <summary>
/// The status of every upload, one row each in the status table (<c>QiIngest:Storage:StatusTable</c>, default
/// <c>UploadStatus</c>): what <c>qi status</c> and the sweep read. <see cref="GetAsync"/> is the call for a reporter's
/// view of one upload; the ingestion writes <see cref="UploadStatus.Processing"/> when an attempt starts, and
/// <see cref="UploadStatus.Retrying"/> or <see cref="UploadStatus.Final"/> when it ends.
/// </summary>
public sealed class UploadStatusStore(QiStorage storage, IOptions<StorageOptions> options, TimeProvider clock)
{
    private const int MaxErrorLength = 500;

    /// <summary>The status of <paramref name="blobName"/>: its row, else <see cref="UploadStatus.Received"/> when the blob exists; null when neither.</summary>
    public async Task<UploadStatus?> GetAsync(string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var row = await FindAsync(blobName, cancellationToken);
        if (row is not null)
        {
            return ToStatus(row);
        }

        try
        {
            var properties = await storage.Uploads.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new UploadStatus(blobName, UploadStatus.Received, 0, properties.Value.LastModified, null, null, null, null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every status row (small rows only; one per upload).</summary>
    public async IAsyncEnumerable<UploadStatus> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in storage.Status.QueryAsync<UploadStatusEntity>(cancellationToken: cancellationToken))
        {
            yield return ToStatus(row);
        }
    }

    /// <summary>Records that an attempt starts; returns its number (1 after a final state: a new upload under the name).</summary>
    public async Task<int> StartAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var row = await FindAsync(blobName, cancellationToken);
        var attempt = row is null || row.State == UploadStatus.Final ? 1 : row.Attempt + 1;
        await UpsertAsync(new UploadStatusEntity
        {
            PartitionKey = Key(blobName),
            BlobName = blobName,
            State = UploadStatus.Processing,
            Attempt = attempt,
            UpdatedAt = clock.GetUtcNow(),
            LastError = row?.State == UploadStatus.Final ? null : row?.LastError,
        }, cancellationToken);
        return attempt;
    }

    /// <summary>Records the final receipt's outcome for the bytes of <paramref name="blobETag"/>.</summary>
    public Task FinishAsync(string blobName, int attempt, string outcome, string? blobETag, CancellationToken cancellationToken = default) =>
        UpsertAsync(new UploadStatusEntity
        {
            PartitionKey = Key(blobName),
            BlobName = blobName,
            State = UploadStatus.Final,
            Attempt = attempt,
            UpdatedAt = clock.GetUtcNow(),
            Outcome = outcome,
            BlobETag = blobETag,
        }, cancellationToken);

    /// <summary>Records a failed attempt and when the next is due.</summary>
    public Task FailAsync(string blobName, int attempt, string error, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return UpsertAsync(new UploadStatusEntity
        {
            PartitionKey = Key(blobName),
            BlobName = blobName,
            State = UploadStatus.Retrying,
            Attempt = attempt,
            UpdatedAt = now,
            NextAttemptAt = now + RetrySchedule.Delay(attempt, options.Value),
            LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength],
        }, cancellationToken);
    }

    /// <summary>Removes the status of a blob that no longer exists.</summary>
    public Task ForgetAsync(string blobName, CancellationToken cancellationToken = default) =>
        TableCleanup.DeleteRowAsync(storage.Status, Key(blobName), UploadStatusEntity.RowKeyValue, ETag.All, cancellationToken);

    /// <summary>The one-line description of an exception for <see cref="UploadStatus.LastError"/>.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception is RequestFailedException { Status: > 0 } r ? $"{r.Status} {r.ErrorCode}" : exception.Message.Split('\n', 2)[0].Trim();
        return $"{exception.GetType().Name}: {message}";
    }

    private static string Key(string blobName) => TableKeys.Escape(blobName);

    private static UploadStatus ToStatus(UploadStatusEntity row) =>
        new(row.BlobName, row.State, row.Attempt, row.UpdatedAt, row.NextAttemptAt, row.LastError, row.Outcome, row.BlobETag);

    private async Task<UploadStatusEntity?> FindAsync(string blobName, CancellationToken cancellationToken)
    {
        var response = await storage.Status.GetEntityIfExistsAsync<UploadStatusEntity>(Key(blobName), UploadStatusEntity.RowKeyValue, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task UpsertAsync(UploadStatusEntity entity, CancellationToken cancellationToken) =>
        await storage.Status.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
}
