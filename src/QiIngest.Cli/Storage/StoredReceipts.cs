using Azure;
using Azure.Storage.Blobs.Models;
using QiIngest.Core.Receipts;
using QiIngest.Storage;
using QiIngest.Storage.Reading;

namespace QiIngest.Cli.Storage;

/// <summary>The receipts the pipeline wrote, <c>receipts/{reporter}/{period}/{file}.json</c> beside each upload.</summary>
internal sealed class StoredReceipts(QiStorage storage, ReadService reader)
{

    /// <summary>The receipt at <paramref name="receiptName"/> with its stored bytes, or null when there is none.</summary>
    public async Task<(Receipt Receipt, byte[] Json)?> ReadAsync(string receiptName, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Receipts.GetBlobClient(receiptName).DownloadContentAsync(cancellationToken);
            var bytes = content.Value.Content.ToArray();
            return (ReceiptJson.Deserialize(bytes), bytes);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The receipt names under <c>{reporter}/{period}/</c>, newest first.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string reporter, string period, CancellationToken cancellationToken = default)
    {
        var prefix = BlobLayout.Folder(reporter, period);
        var found = new List<(string Name, DateTimeOffset Modified)>();
        try
        {
            await foreach (var blob in storage.Receipts.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            {
                // The hash-named copies the pipeline keeps for dedupe are not receipts of their own.
                if (!BlobLayout.IsReceiptByHash(blob.Name))
                {
                    found.Add((blob.Name, blob.Properties.LastModified ?? DateTimeOffset.MinValue));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No receipts container yet: nothing has been processed.
        }

        return [.. found.OrderByDescending(f => f.Modified).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name)];
    }

    /// <summary>The receipt name of the current accepted version of (reporter, period), or null when there is none.</summary>
    public async Task<string?> CurrentAsync(string reporter, string period, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await reader.GetCurrentAsync(reporter, period, cancellationToken))?.ReceiptName;
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            // A reporter's credential that reaches blobs only.
            return null;
        }
    }
}
