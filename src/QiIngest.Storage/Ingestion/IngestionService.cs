using System.Diagnostics;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QiIngest.Core;
using QiIngest.Core.Receipts;
using QiIngest.Storage.Tables;
using QiIngest.Storage.Telemetry;

namespace QiIngest.Storage.Ingestion;

/// <summary>
/// Ingests one uploaded blob: reads the version of the blob the download gets (its ETag pins every later read), checks
/// it with the core, stages its observations behind a staging marker, commits the version in the ledger and writes the
/// receipt. Expected bad input ends in a rejected receipt; only infrastructure faults throw, so that the host retries.
/// Every attempt is recorded in the upload's status (<see cref="UploadStatusStore"/>): processing, then retrying with
/// the attempt, the next time and the error, or final.
/// </summary>
public sealed class IngestionService(QiStorage storage, StorageProvisioner provisioner, ReturnChecker checker, IOptions<IngestLimits> limits, UploadStatusStore status, TimeProvider clock, ILogger<IngestionService> logger) : IUploadIngestor
{
    private readonly SubmissionLedger _ledger = new(storage.Submissions, clock);

    /// <summary>The ledger this service commits to.</summary>
    public SubmissionLedger Ledger => _ledger;

    /// <summary>The status of every upload, as this service records it.</summary>
    public UploadStatusStore Status => status;

    /// <summary>Ingests the blob <paramref name="blobName"/> of the uploads container and returns its receipt (null when the blob has vanished).</summary>
    public async Task<Receipt?> IngestAsync(string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var started = clock.GetTimestamp();
        using var activity = QiTelemetry.StartIngest(blobName);
        await provisioner.EnsureAsync(cancellationToken);
        var attempt = await status.StartAsync(blobName, cancellationToken);
        (Receipt? Receipt, ETag? BlobETag) result;
        try
        {
            result = await IngestOnceAsync(blobName, activity, cancellationToken);
        }
        catch (Exception e)
        {
            QiTelemetry.Failed(activity, e);
            await RecordFailureAsync(blobName, attempt, e);
            throw;
        }

        if (result.Receipt is not null)
        {
            QiTelemetry.Ingested(activity, result.Receipt, clock.GetElapsedTime(started));
        }

        if (result.Receipt is null)
        {
            await status.ForgetAsync(blobName, cancellationToken);
        }
        else
        {
            await status.FinishAsync(blobName, attempt, result.Receipt.Outcome, result.BlobETag?.ToString(), cancellationToken);
        }

        return result.Receipt;
    }

    private async Task RecordFailureAsync(string blobName, int attempt, Exception failure)
    {
        try
        {
            // Not the run's token: a timed-out run should still say that it failed.
            await status.FailAsync(blobName, attempt, UploadStatusStore.Describe(failure), CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException)
        {
            Log.StatusNotRecorded(logger, blobName, e.Message);
        }
    }

    private async Task<(Receipt?, ETag?)> IngestOnceAsync(string blobName, Activity? activity, CancellationToken cancellationToken)
    {
        var receiptName = BlobLayout.Receipt(blobName);
        var parsed = UploadPath.Parse(blobName, checker.Reporters);
        if (parsed.Path is not { } path)
        {
            var segments = blobName.Split('/');
            var rejected = Receipt.From(CheckResult.Rejected(segments.Length == 3 ? segments[0] : string.Empty, segments.Length == 3 ? segments[1] : string.Empty, segments[^1], parsed.Errors), sha256: null);
            return (await FinishAsync(blobName, receiptName, rejected, null, cancellationToken), null);
        }

        BlobDownloadStreamingResult download;
        ReturnFile file;
        using (QiTelemetry.Source.StartActivity(QiTelemetry.DownloadSpan))
        {
            try
            {
                // The SDK resumes a broken download only from this same ETag, so every byte read is of one version.
                download = (await storage.Uploads.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                Log.Vanished(logger, blobName);
                return (null, null);
            }

            await using (download.Content)
            {
                file = await ReturnFile.SpoolAsync(download.Content, download.Details.ContentLength, limits.Value, cancellationToken);
            }
        }

        var etag = download.Details.ETag;
        QiTelemetry.Downloaded(activity, download.Details.ContentLength);
        await using (file)
        {
            var upload = new Upload(blobName, receiptName, path, etag, download.Details.LastModified);
            return (await IngestFileAsync(upload, file, activity, cancellationToken), etag);
        }
    }

    private async Task<Receipt> IngestFileAsync(Upload upload, ReturnFile file, Activity? activity, CancellationToken cancellationToken)
    {
        var path = upload.Path;
        if (file.SizeIssue is { } tooLarge)
        {
            return await FinishAsync(upload.BlobName, upload.ReceiptName, Receipt.From(CheckResult.Rejected(path.Reporter, path.Period.ToString(), path.FileName, [tooLarge]), sha256: null), upload.ETag, cancellationToken);
        }

        // Both ledger reads at once: whether these bytes were seen, and the previous period's totals for yoy-outlier.
        var sha256 = file.Sha256!;
        var period = path.Period.ToString();
        var seenRead = _ledger.FindShaAsync(path.Reporter, period, sha256, cancellationToken);
        var previousRead = _ledger.GetCurrentAsync(path.Reporter, path.Period.Previous.ToString(), cancellationToken);
        var seen = await seenRead;
        var previous = await previousRead;
        var byHash = ReceiptByHashName(path, sha256);
        if (seen is not null && await TryReadReceiptAsync(byHash, cancellationToken) is { } existing)
        {
            // The same bytes again: no new version, no new rows. The receipt at this upload's name is rewritten only
            // when it describes other bytes (another file was uploaded under the name in between) or is missing.
            Log.Duplicate(logger, upload.BlobName, byHash, sha256);
            activity?.SetTag(QiTelemetry.DuplicateAttribute, true);
            var again = existing with { File = path.FileName, Path = upload.BlobName };
            if ((await TryReadReceiptAsync(upload.ReceiptName, cancellationToken))?.Sha256 != sha256 && await IsStillAsync(upload, cancellationToken))
            {
                await WriteReceiptAsync(upload.ReceiptName, again, cancellationToken);
            }

            return again;
        }

        var dataPartition = TableKeys.Data(path.Reporter, period, sha256);
        using var stage = QiTelemetry.StartStage();
        var staging = await QiTelemetry.InSpanAsync(stage, () => _ledger.BeginStagingAsync(path, sha256, upload.BlobName, dataPartition, cancellationToken));
        await using var sink = new TableObservationSink(storage.Observations, dataPartition, path.Reporter, period, storage.Options.MaxParallelTransactions, storage.Options.ObservationPartitions);
        var staged = new StagedObservationSink(sink, stage);
        CheckResult result;
        using (QiTelemetry.Source.StartActivity(QiTelemetry.CheckSpan))
        {
            result = await checker.CheckAsync(file.Content, path, previous is null ? null : TotalsJson.Read(previous.Totals), staged, cancellationToken);
        }

        var receipt = Receipt.From(result, sha256);
        if (!result.IsAccepted)
        {
            await staged.UnderStageAsync(async () => await sink.DiscardAsync(cancellationToken));
            QiTelemetry.Staged(stage, staged.Count, committed: false);
            stage?.Stop();
            using (QiTelemetry.Source.StartActivity(QiTelemetry.CommitSpan))
            {
                await _ledger.RecordRejectedAsync(path, sha256, upload.BlobName, byHash, cancellationToken);
                await _ledger.EndStagingAsync(path, sha256, staging, cancellationToken);
            }

            return await FinishAsync(upload.BlobName, upload.ReceiptName, receipt, upload.ETag, cancellationToken, byHash);
        }

        QiTelemetry.Staged(stage, staged.Count, committed: true);
        stage?.Stop();
        CommitResult commit;
        using (QiTelemetry.Source.StartActivity(QiTelemetry.CommitSpan))
        {
            commit = await _ledger.CommitAsync(path, sha256, upload.BlobName, byHash, dataPartition, result, upload.UploadedAt, staging, cancellationToken);
        }

        receipt = receipt with { Version = commit.Version, Supersedes = commit.Supersedes, Changes = commit.Changes, SupersededBy = commit.SupersededBy };
        if (commit.SupersededBy is { } later)
        {
            Log.NotCurrent(logger, upload.BlobName, commit.Version, later);
        }

        return await FinishAsync(upload.BlobName, upload.ReceiptName, receipt, upload.ETag, cancellationToken, byHash);
    }

    private static string ReceiptByHashName(UploadPath path, string sha256) => BlobLayout.ReceiptByHash(path.Reporter, path.Period.ToString(), sha256);

    private async Task<Receipt> FinishAsync(string blobName, string receiptName, Receipt receipt, ETag? etag, CancellationToken cancellationToken, string? byHash = null)
    {
        receipt = receipt with { Path = blobName, ProcessedAt = clock.GetUtcNow() };
        using (QiTelemetry.Source.StartActivity(QiTelemetry.ReceiptSpan))
        {
            if (byHash is not null)
            {
                await WriteReceiptAsync(byHash, receipt, cancellationToken);
            }

            // The receipt at the upload's name describes the bytes now there: when they were replaced after this download,
            // the newer upload's own run writes it (this one's receipt stays under its hash).
            if (etag is not { } read || await IsStillAsync(new Upload(blobName, receiptName, null!, read, null), cancellationToken))
            {
                await WriteReceiptAsync(receiptName, receipt, cancellationToken);
            }
        }

        if (receipt.Outcome == Outcome.Rejected)
        {
            Log.Rejected(logger, blobName, receipt.ErrorCount, receipt.Errors.Count > 0 ? receipt.Errors[0].Message : string.Empty);
        }

        Log.Ingested(logger, blobName, receipt.Outcome, receipt.Version, receipt.Observations, receipt.ErrorCount, receipt.WarningCount);
        return receipt;
    }

    private async Task WriteReceiptAsync(string receiptName, Receipt receipt, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } };
        await storage.Receipts.GetBlobClient(receiptName).UploadAsync(new BinaryData(ReceiptJson.Serialize(receipt)), options, cancellationToken);
    }

    private async Task<Receipt?> TryReadReceiptAsync(string receiptName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.Receipts.GetBlobClient(receiptName).DownloadContentAsync(cancellationToken);
            return ReceiptJson.Deserialize(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Committed, but the receipt was not written (a crash in between): ingest again; it is idempotent.
            return null;
        }
    }

    /// <summary>Whether the blob still holds the bytes this run read.</summary>
    private async Task<bool> IsStillAsync(Upload upload, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.Uploads.GetBlobClient(upload.BlobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ETag == upload.ETag)
            {
                return true;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted since: no receipt at its name describes anything there.
        }

        Log.Replaced(logger, upload.BlobName);
        return false;
    }

    /// <summary>One run's upload: the blob, the receipt name, the path, the ETag of the bytes read and their upload time.</summary>
    private sealed record Upload(string BlobName, string ReceiptName, UploadPath Path, ETag ETag, DateTimeOffset? UploadedAt);
}
