using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QiIngest.Storage.Tables;
using QiIngest.Storage.Telemetry;

namespace QiIngest.Storage.Ingestion;

/// <summary>
/// The reconciliation sweep, on a timer in both hosts: the backstop of the guarantee that every upload gets a final
/// receipt. It reads only small rows — the listing of the uploads container, the status table and the ledger's staging
/// markers — never the observations, except to delete the rows of an abandoned staging by its partitions.
/// <list type="number">
/// <item>Staging garbage: a marker older than <see cref="StorageOptions.StagingTimeout"/> whose file has no version is
/// claimed (ETag-guarded), its staged partitions deleted, then the marker; one whose file committed is just removed.</item>
/// <item>Stranded uploads: a blob with no status older than <see cref="StorageOptions.SweepGrace"/> (its event was lost),
/// one "being processed" for longer than that (the run died), one "failed, will retry" whose time has come, or one
/// final for other bytes than the blob now holds (overwritten, event lost), is ingested.</item>
/// </list>
/// Each run handles at most <see cref="StorageOptions.SweepBatch"/> of each; ingestion is idempotent, so a run that
/// overlaps a trigger or another sweep does no harm.
/// </summary>
public sealed partial class ReconciliationService(QiStorage storage, IUploadIngestor ingestor, UploadStatusStore status, IOptions<StorageOptions> options, TimeProvider clock, ILogger<ReconciliationService> logger)
{
    /// <summary>The sweep's timer in both hosts: every five minutes (a constant, so no setting can switch it off).</summary>
    public const string Schedule = "0 */5 * * * *";

    /// <summary>Runs one sweep.</summary>
    public async Task<SweepRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var (partitions, rows, markers) = await CollectStagingAsync(cancellationToken);
        var (ingested, failed, pending) = await IngestStrandedAsync(cancellationToken);
        var run = new SweepRun(ingested, failed, pending, partitions, rows, markers);
        QiTelemetry.UploadsRedriven(ingested);
        QiTelemetry.OrphanedRowsDeleted(rows);
        LogSwept(logger, ingested, failed, pending, partitions, rows, markers);
        return run;
    }

    private async Task<(int Partitions, int Rows, int Markers)> CollectStagingAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var ledger = new SubmissionLedger(storage.Submissions, clock);
        var cutoff = clock.GetUtcNow() - o.StagingTimeout;
        int partitions = 0, rows = 0, markers = 0;
        var due = new List<LedgerEntity>();
        await foreach (var marker in ledger.ListStagingAsync(cancellationToken))
        {
            if (marker.StagingStartedAt < cutoff && due.Count < o.SweepBatch)
            {
                due.Add(marker);
            }
        }

        foreach (var marker in due)
        {
            var sha = await ledger.FindShaAsync(marker.Reporter, marker.Period, marker.Sha256 ?? string.Empty, cancellationToken);
            try
            {
                var etag = marker.ETag;
                if (sha?.Version is null && marker.DataPartition is { } prefix)
                {
                    // Claim it first: an ingestion of the same bytes that starts now sees the claim and waits.
                    marker.Collecting = true;
                    etag = (await storage.Submissions.UpdateEntityAsync(marker, marker.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;
                    var deleted = await TableCleanup.DeleteAsync(storage.Observations, TableKeys.DataFilter(prefix), cancellationToken);
                    partitions += deleted.Partitions;
                    rows += deleted.Rows;
                    LogCollected(logger, marker.BlobName ?? string.Empty, deleted.Rows, deleted.Partitions);
                }

                await TableCleanup.DeleteRowAsync(storage.Submissions, marker.PartitionKey, marker.RowKey, etag, cancellationToken);
                markers++;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // An ingestion of the same bytes took the marker over meanwhile: its staging is alive.
            }
        }

        return (partitions, rows, markers);
    }

    private async Task<(int Ingested, int Failed, int Pending)> IngestStrandedAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var statuses = new Dictionary<string, UploadStatus>(StringComparer.Ordinal);
        await foreach (var s in status.ListAsync(cancellationToken))
        {
            statuses[s.BlobName] = s;
        }

        var due = new List<string>();
        var pending = 0;
        await foreach (var blob in storage.Uploads.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var modified = blob.Properties.LastModified ?? now;
            var settled = now - modified >= o.SweepGrace;
            var isDue = statuses.GetValueOrDefault(blob.Name) switch
            {
                null => settled,
                { State: UploadStatus.Retrying } s => s.NextAttemptAt is not { } next || next <= now,
                { State: UploadStatus.Final } s => settled && !SameETag(s.BlobETag, blob.Properties.ETag?.ToString()),
                var s => now - s.UpdatedAt >= o.SweepGrace,
            };
            if (!isDue)
            {
                continue;
            }

            if (due.Count < o.SweepBatch)
            {
                due.Add(blob.Name);
            }
            else
            {
                pending++;
            }
        }

        int ingested = 0, failed = 0;
        foreach (var name in due)
        {
            try
            {
                await ingestor.IngestAsync(name, cancellationToken);
                ingested++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Its status now says "failed, will retry"; the next run or the redrive tries again.
                failed++;
                LogFailed(logger, name, UploadStatusStore.Describe(e));
            }
        }

        return (ingested, failed, pending);
    }

    private static bool SameETag(string? a, string? b) => string.Equals(a?.Trim('"'), b?.Trim('"'), StringComparison.Ordinal);

    [LoggerMessage(201, LogLevel.Information, "Sweep: {Ingested} stranded uploads ingested, {Failed} failed again, {Pending} left for the next run; {Rows} abandoned staged rows deleted in {Partitions} partitions, {Markers} staging markers cleared")]
    private static partial void LogSwept(ILogger logger, int ingested, int failed, int pending, int partitions, int rows, int markers);

    [LoggerMessage(202, LogLevel.Warning, "Sweep: deleted {Rows} abandoned staged rows in {Partitions} partitions of {BlobName}")]
    private static partial void LogCollected(ILogger logger, string blobName, int rows, int partitions);

    [LoggerMessage(203, LogLevel.Warning, "Sweep: {BlobName} failed again ({Reason})")]
    private static partial void LogFailed(ILogger logger, string blobName, string reason);
}
