using System.Diagnostics;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QiIngest.Core;
using QiIngest.Core.Receipts;
using QiIngest.Core.Validation;
using QiIngest.Storage.Tables;
using QiIngest.Storage.Telemetry;

namespace QiIngest.Storage.Ingestion;

/// <summary>
/// Ingests one uploaded blob: checks it with the core, stages its observations, commits the version in the ledger and
/// writes the receipt. Expected bad input ends in a rejected receipt; only infrastructure faults throw, so that the
/// host retries and finally poisons the blob.
/// </summary>
public sealed class IngestionService(QiStorage storage, StorageProvisioner provisioner, ReturnChecker checker, IOptions<IngestLimits> limits, TimeProvider clock, ILogger<IngestionService> logger) : IUploadIngestor
{
    private readonly SubmissionLedger _ledger = new(storage.Submissions, clock);

    /// <summary>The ledger this service commits to.</summary>
    public SubmissionLedger Ledger => _ledger;

    /// <summary>Ingests the blob <paramref name="blobName"/> of the uploads container and returns its receipt (null when the blob has vanished).</summary>
    public async Task<Receipt?> IngestAsync(string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var started = clock.GetTimestamp();
        using var activity = QiTelemetry.StartIngest(blobName);
        try
        {
            var receipt = await IngestCoreAsync(blobName, activity, cancellationToken);
            if (receipt is not null)
            {
                QiTelemetry.Ingested(activity, receipt, clock.GetElapsedTime(started));
            }

            return receipt;
        }
        catch (Exception e)
        {
            QiTelemetry.Failed(activity, e);
            throw;
        }
    }

    private async Task<Receipt?> IngestCoreAsync(string blobName, Activity? activity, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var receiptName = blobName + ".json";
        var parsed = UploadPath.Parse(blobName, checker.Reporters);
        if (parsed.Path is not { } path)
        {
            var segments = blobName.Split('/');
            var rejected = Receipt.From(CheckResult.Rejected(segments.Length == 3 ? segments[0] : string.Empty, segments.Length == 3 ? segments[1] : string.Empty, segments[^1], parsed.Errors), sha256: null);
            return await FinishAsync(blobName, receiptName, rejected, cancellationToken);
        }

        Spool? downloaded;
        using (QiTelemetry.Source.StartActivity(QiTelemetry.DownloadSpan))
        {
            downloaded = await DownloadAsync(storage.Uploads.GetBlobClient(blobName), limits.Value.MaxFileBytes, cancellationToken);
        }

        await using var spool = downloaded;
        if (spool is null)
        {
            Log.Vanished(logger, blobName);
            return null;
        }

        QiTelemetry.Downloaded(activity, spool.Size);
        if (spool.Size > limits.Value.MaxFileBytes)
        {
            var issue = new Issue(IssueType.LimitExceeded, $"The file is {spool.Size:N0} bytes, more than the limit of {limits.Value.MaxFileBytes:N0}: split it into several returns or ask the national team to raise the limit.");
            return await FinishAsync(blobName, receiptName, Receipt.From(CheckResult.Rejected(path.Reporter, path.Period.ToString(), path.FileName, [issue]), sha256: null), cancellationToken);
        }

        // Both ledger reads at once: whether these bytes were seen, and the previous period's totals for yoy-outlier.
        var sha256 = spool.Sha256;
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
            Log.Duplicate(logger, blobName, byHash, sha256);
            activity?.SetTag(QiTelemetry.DuplicateAttribute, true);
            var again = existing with { File = path.FileName, Path = blobName };
            if ((await TryReadReceiptAsync(receiptName, cancellationToken))?.Sha256 != sha256)
            {
                await WriteReceiptAsync(receiptName, again, cancellationToken);
            }

            return again;
        }

        var dataPartition = TableKeys.Data(path.Reporter, period, sha256);
        await using var sink = new TableObservationSink(storage.Observations, dataPartition, path.Reporter, period, storage.Options.MaxParallelTransactions, storage.Options.ObservationPartitions);
        using var stage = QiTelemetry.StartStage();
        var staged = new StagedObservationSink(sink, stage);
        CheckResult result;
        using (QiTelemetry.Source.StartActivity(QiTelemetry.CheckSpan))
        {
            result = await checker.CheckAsync(spool.Stream, path, previous is null ? null : TotalsJson.Read(previous.Totals), staged, cancellationToken);
        }

        var receipt = Receipt.From(result, sha256);
        if (!result.IsAccepted)
        {
            await staged.UnderStageAsync(async () => await sink.DiscardAsync(cancellationToken));
            QiTelemetry.Staged(stage, staged.Count, committed: false);
            stage?.Stop();
            using (QiTelemetry.Source.StartActivity(QiTelemetry.CommitSpan))
            {
                await _ledger.RecordRejectedAsync(path, sha256, blobName, byHash, cancellationToken);
            }

            return await FinishAsync(blobName, receiptName, receipt, cancellationToken, byHash);
        }

        QiTelemetry.Staged(stage, staged.Count, committed: true);
        stage?.Stop();
        CommitResult commit;
        using (QiTelemetry.Source.StartActivity(QiTelemetry.CommitSpan))
        {
            commit = await _ledger.CommitAsync(path, sha256, blobName, byHash, dataPartition, result, cancellationToken);
        }

        receipt = receipt with { Version = commit.Version, Supersedes = commit.Supersedes, Changes = commit.Changes };
        return await FinishAsync(blobName, receiptName, receipt, cancellationToken, byHash);
    }

    /// <summary>
    /// Where the receipt of these bytes is kept whatever name they were uploaded under: the reporter's own receipts
    /// folder, so that a province's read access to <c>receipts/{reporter}/</c> covers it.
    /// </summary>
    private static string ReceiptByHashName(UploadPath path, string sha256) => $"{path.Reporter}/{path.Period}/_sha256/{sha256}.json";

    private async Task<Receipt> FinishAsync(string blobName, string receiptName, Receipt receipt, CancellationToken cancellationToken, string? byHash = null)
    {
        receipt = receipt with { Path = blobName, ProcessedAt = clock.GetUtcNow() };
        using (QiTelemetry.Source.StartActivity(QiTelemetry.ReceiptSpan))
        {
            if (byHash is not null)
            {
                await WriteReceiptAsync(byHash, receipt, cancellationToken);
            }

            await WriteReceiptAsync(receiptName, receipt, cancellationToken);
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

    /// <summary>
    /// Copies the blob to a local temporary file while hashing it: the core reads it in place, more than once if it must.
    /// A blob over <paramref name="maxBytes"/> is not read: its spool is empty and carries only its size (one request
    /// either way: the size comes with the download's headers). Null when the blob has vanished.
    /// </summary>
    private static async Task<Spool?> DownloadAsync(BlobClient blob, long maxBytes, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            var size = response.Value.Details.ContentLength;
            await using (var content = response.Value.Content)
            {
                if (size > maxBytes)
                {
                    return new Spool(file, string.Empty, size);
                }

                var buffer = new byte[1 << 16];
                int n;
                while ((n = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                }
            }

            file.Position = 0;
            return new Spool(file, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await file.DisposeAsync();
            return null;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private sealed record Spool(FileStream Stream, string Sha256, long Size) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Stream.DisposeAsync();
    }
}
