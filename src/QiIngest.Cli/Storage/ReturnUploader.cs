using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using QiIngest.Core;
using QiIngest.Core.Receipts;
using QiIngest.Storage;
using QiIngest.Storage.Tables;

namespace QiIngest.Cli.Storage;

/// <summary>Uploads a return where a reporter would, <c>uploads/{reporter}/{period}/{file}</c>, and waits for its receipt.</summary>
internal sealed class ReturnUploader(QiStorage storage, TimeProvider clock)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastPoll = TimeSpan.FromSeconds(2);

    /// <summary>Uploads the file at <paramref name="localPath"/> to <paramref name="path"/>, replacing what is there.</summary>
    /// <param name="localPath">The local file.</param>
    /// <param name="path">Where it goes; its reporter and period are already resolved.</param>
    /// <param name="progress">Receives the bytes sent so far.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    public async Task<UploadedReturn> UploadAsync(string localPath, UploadPath path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var blobName = BlobLayout.Upload(path.Reporter, path.Period.ToString(), path.FileName);
        await using var content = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        var blob = storage.Uploads.GetBlobClient(blobName);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentType(path.Format) },
            ProgressHandler = progress,
        };
        Response<BlobContentInfo> response;
        try
        {
            content.Position = 0;
            response = await blob.UploadAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // A fresh Azurite: in Azure the container exists (infra/), and a reporter may not create one.
            await storage.Uploads.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            content.Position = 0;
            response = await blob.UploadAsync(content, options, cancellationToken);
        }

        return new UploadedReturn(path, blobName, sha256, response.Value.LastModified, content.Length);
    }

    /// <summary>
    /// The ledger's record of these bytes when the pipeline had them before this upload (for this reporter and period),
    /// under this name or another: re-delivering them is a no-op, and the receipt at this name may describe a later
    /// upload. Null when they are new, or when the ledger cannot be read (a reporter's credential may reach blobs only).
    /// </summary>
    public async Task<LedgerEntity?> FindEarlierDeliveryAsync(UploadedReturn upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        try
        {
            var row = await new SubmissionLedger(storage.Submissions, clock).FindShaAsync(upload.Path.Reporter, upload.Path.Period.ToString(), upload.Sha256, cancellationToken);
            return row?.ProcessedAt < upload.LastModified ? row : null;
        }
        catch (RequestFailedException e) when (e.Status is 403 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Polls, with backoff, for the receipt of exactly these bytes at <c>receipts/{blob name}.json</c>: one that carries
    /// their hash, or (when the pipeline could not hash the file, over the size limit) one written after the upload.
    /// Re-uploading bytes the pipeline already has finds the existing receipt at once: that is the dedupe.
    /// </summary>
    /// <returns>The receipt, or null when none came within <paramref name="timeout"/>.</returns>
    public async Task<Receipt?> WaitForReceiptAsync(UploadedReturn upload, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var receiptBlob = storage.Receipts.GetBlobClient(BlobLayout.Receipt(upload.BlobName));
        var deadline = clock.GetUtcNow() + timeout;
        var delay = FirstPoll;
        while (true)
        {
            try
            {
                var download = await receiptBlob.DownloadContentAsync(cancellationToken);
                var receipt = ReceiptJson.Deserialize(download.Value.Content.ToMemory().Span);
                if (receipt.Sha256 == upload.Sha256 || (receipt.Sha256 is null && download.Value.Details.LastModified >= upload.LastModified))
                {
                    return receipt;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not written yet.
            }

            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(delay < left ? delay : left, clock, cancellationToken);
            delay = delay * 2 < LastPoll ? delay * 2 : LastPoll;
        }
    }

    private static string ContentType(ReturnFormat format) => format switch
    {
        ReturnFormat.Csv => "text/csv",
        ReturnFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/json",
    };
}
