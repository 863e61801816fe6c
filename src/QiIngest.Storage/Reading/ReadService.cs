using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using QiIngest.Core;
using QiIngest.Core.Receipts;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Storage.Tables;

namespace QiIngest.Storage.Reading;

/// <summary>
/// The read side of the pipeline, in one place: versions and rejected files from the ledger, receipts, published
/// reports and the observation rows. The API, the command-line tool and the rollup read through it; names come from
/// <see cref="BlobLayout"/> and the ledger's keys, never from a caller. A table or container that does not exist yet
/// reads as empty; other storage faults propagate.
/// </summary>
public sealed class ReadService(QiStorage storage)
{
    private const int MaxParallelReads = 8;

    /// <summary>The current version of every reporter, optionally of one period only, by period then reporter.</summary>
    public async Task<IReadOnlyList<VersionRecord>> ListCurrentAsync(string? period = null, CancellationToken cancellationToken = default)
    {
        var filter = period is null
            ? TableClient.CreateQueryFilter($"RowKey eq {LedgerEntity.CurrentRowKey}")
            : TableClient.CreateQueryFilter($"RowKey eq {LedgerEntity.CurrentRowKey} and Period eq {period}");
        var rows = new List<VersionRecord>();
        await foreach (var row in OrEmpty(storage.Submissions.QueryAsync<LedgerEntity>(filter, cancellationToken: cancellationToken)))
        {
            if (ToVersion(row) is { } version)
            {
                rows.Add(version);
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Period, b.Period) is var c && c != 0 ? c : string.CompareOrdinal(a.Reporter, b.Reporter));
        return rows;
    }

    /// <summary>The current version of (reporter, period), or null when nothing was accepted yet.</summary>
    public async Task<VersionRecord?> GetCurrentAsync(string reporter, string period, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await storage.Submissions.GetEntityIfExistsAsync<LedgerEntity>(TableKeys.Submission(reporter, period), LedgerEntity.CurrentRowKey, cancellationToken: cancellationToken);
            return response.HasValue ? ToVersion(response.Value!) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The ledger's record of some bytes already seen for (reporter, period): the version they became, or null when rejected or unknown.</summary>
    public async Task<(bool Seen, VersionRecord? Version, DateTimeOffset? ProcessedAt)> FindByHashAsync(string reporter, string period, string sha256, CancellationToken cancellationToken = default)
    {
        var response = await storage.Submissions.GetEntityIfExistsAsync<LedgerEntity>(TableKeys.Submission(reporter, period), TableKeys.Sha(sha256), cancellationToken: cancellationToken);
        return response.HasValue ? (true, ToVersion(response.Value!), response.Value!.ProcessedAt) : (false, null, null);
    }

    /// <summary>The returns of (reporter, period): current version, every version, every rejected file with its receipt, and the uploads still being processed.</summary>
    public async Task<ReturnHistory> GetReturnAsync(string reporter, string period, CancellationToken cancellationToken = default)
    {
        var partition = TableKeys.Submission(reporter, period);
        var versions = new List<VersionRecord>();
        var rejectedRows = new List<LedgerEntity>();
        VersionRecord? current = null;
        await foreach (var row in OrEmpty(storage.Submissions.QueryAsync<LedgerEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken)))
        {
            if (row.RowKey == LedgerEntity.CurrentRowKey)
            {
                current = ToVersion(row);
            }
            else if (row.RowKey.StartsWith('v') && ToVersion(row) is { } version)
            {
                versions.Add(version);
            }
            else if (row.RowKey.StartsWith("sha-", StringComparison.Ordinal) && row.Version is null)
            {
                rejectedRows.Add(row);
            }
        }

        versions.Sort((a, b) => a.Version.CompareTo(b.Version));
        rejectedRows.Sort((a, b) => Nullable.Compare(a.ProcessedAt, b.ProcessedAt));
        var rejected = new RejectedUpload[rejectedRows.Count];
        await System.Threading.Tasks.Parallel.ForAsync(0, rejectedRows.Count, ParallelReads(cancellationToken), async (i, ct) =>
        {
            var row = rejectedRows[i];
            var receipt = row.ReceiptName is { } name ? await ReadReceiptAsync(name, ct) : null;
            rejected[i] = new RejectedUpload(row.File ?? string.Empty, row.Sha256 ?? string.Empty, row.ProcessedAt, receipt);
        });

        return new ReturnHistory
        {
            Reporter = reporter,
            Period = period,
            Current = current,
            Versions = versions,
            Rejected = rejected,
            Processing = await ListProcessingAsync(reporter, period, cancellationToken),
        };
    }

    /// <summary>The receipt of the upload <c>{reporter}/{period}/{file}</c>, or null when there is none (yet).</summary>
    public Task<Receipt?> GetReceiptAsync(string reporter, string period, string file, CancellationToken cancellationToken = default) =>
        ReadReceiptAsync(BlobLayout.Receipt(reporter, period, file), cancellationToken);

    /// <summary>The receipt at <paramref name="receiptName"/> in the receipts container, or null when there is none.</summary>
    public async Task<Receipt?> ReadReceiptAsync(string receiptName, CancellationToken cancellationToken = default) =>
        await ReadBlobAsync(storage.Receipts.GetBlobClient(receiptName), cancellationToken) is { } bytes ? ReceiptJson.Deserialize(bytes) : null;

    /// <summary>The receipt at <paramref name="receiptName"/> with when it was written, or null when there is none.</summary>
    public async Task<(Receipt Receipt, DateTimeOffset WrittenAt)?> ReadReceiptWithTimeAsync(string receiptName, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Receipts.GetBlobClient(receiptName).DownloadContentAsync(cancellationToken);
            return (ReceiptJson.Deserialize(content.Value.Content.ToMemory().Span), content.Value.Details.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>What each reporter has sent for <paramref name="period"/>: the ledger's files and versions, and uploads not processed yet.</summary>
    public async Task<IReadOnlyDictionary<string, SubmissionSummary>> ListSubmissionsAsync(string period, CancellationToken cancellationToken = default)
    {
        var files = new Dictionary<string, (int Files, int Rejected, VersionRecord? Current, DateTimeOffset? First)>(StringComparer.Ordinal);
        await foreach (var row in OrEmpty(storage.Submissions.QueryAsync<LedgerEntity>(TableClient.CreateQueryFilter($"Period eq {period}"), cancellationToken: cancellationToken)))
        {
            var entry = files.GetValueOrDefault(row.Reporter);
            if (row.RowKey == LedgerEntity.CurrentRowKey)
            {
                entry.Current = ToVersion(row);
            }
            else if (row.RowKey.StartsWith("sha-", StringComparison.Ordinal))
            {
                entry.Files++;
                entry.Rejected += row.Version is null ? 1 : 0;
                entry.First = Earliest(entry.First, row.ProcessedAt);
            }

            files[row.Reporter] = entry;
        }

        await foreach (var (reporter, pending) in ListPendingByReporterAsync(period, cancellationToken))
        {
            var entry = files.GetValueOrDefault(reporter);
            entry.Files++;
            entry.First = Earliest(entry.First, pending.UploadedAt);
            files[reporter] = entry;
        }

        return files.ToDictionary(p => p.Key, p => new SubmissionSummary(p.Key, p.Value.Files, p.Value.Rejected, p.Value.Current, p.Value.First), StringComparer.Ordinal);
    }

    /// <summary>The city (region) rows of <paramref name="indicator"/> in a version's observations, by region code then name.</summary>
    public async Task<IReadOnlyList<RegionValue>> ListRegionsAsync(VersionRecord version, string indicator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.DataPartition is not { } prefix)
        {
            return [];
        }

        // Region rows are {indicator}~c{code} and {indicator}~n{name}; 'o' follows 'n'.
        var filter = $"{TableKeys.DataFilter(prefix)} and {TableClient.CreateQueryFilter($"RowKey ge {indicator + "~c"} and RowKey lt {indicator + "~o"}")}";
        var values = new List<RegionValue>();
        await foreach (var row in OrEmpty(storage.Observations.QueryAsync<ObservationEntity>(filter, cancellationToken: cancellationToken)))
        {
            values.Add(new RegionValue(row.Reporter, version.Version, row.Indicator, row.RegionCode, row.RegionName, row.Value is { } v ? decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : null, row.Unit, row.Note, row.Row));
        }

        values.Sort((a, b) => string.CompareOrdinal(a.RegionCode, b.RegionCode) is var c && c != 0 ? c : string.CompareOrdinal(a.RegionName, b.RegionName));
        return values;
    }

    /// <summary>The periods with published figures, in order.</summary>
    public async Task<IReadOnlyList<Period>> ListPublishedPeriodsAsync(CancellationToken cancellationToken = default)
    {
        var periods = new List<Period>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {AggregateEntity.StateRowKey}");
        await foreach (var row in OrEmpty(storage.Aggregates.QueryAsync<AggregateEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken)))
        {
            if (Period.TryParseStrict(row.PartitionKey, out var period))
            {
                periods.Add(period);
            }
        }

        periods.Sort((a, b) => a.Year.CompareTo(b.Year));
        return periods;
    }

    /// <summary>The published rollup of <paramref name="period"/> (<c>national.json</c>), or null when it has none yet.</summary>
    public async Task<NationalRollup?> GetPublishedAsync(string period, CancellationToken cancellationToken = default) =>
        await GetPublishedFileAsync(period, BlobLayout.NationalJsonFile, cancellationToken) is { } json ? NationalJson.Read(json) : null;

    /// <summary>The bytes of a published report of <paramref name="period"/> (a <see cref="BlobLayout"/> file name), or null when there is none.</summary>
    public Task<byte[]?> GetPublishedFileAsync(string period, string file, CancellationToken cancellationToken = default) =>
        ReadBlobAsync(storage.Reports.GetBlobClient(BlobLayout.Report(period, file)), cancellationToken);

    /// <summary>The names of every published report of <paramref name="period"/> (relative to its folder), in name order.</summary>
    public async Task<IReadOnlyList<string>> ListPublishedFilesAsync(string period, CancellationToken cancellationToken = default)
    {
        var folder = BlobLayout.ReportFolder(period);
        var files = new List<string>();
        await foreach (var blob in OrEmpty(storage.Reports.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken)))
        {
            files.Add(blob.Name[folder.Length..]);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Where a published report of <paramref name="period"/> is.</summary>
    public Uri PublishedFileUri(string period, string file) => storage.Reports.GetBlobClient(BlobLayout.Report(period, file)).Uri;

    /// <summary>Whether the data account answers: one request each to the blob and the table service, within <paramref name="cancellationToken"/>.</summary>
    public async Task<IReadOnlyList<string>> CheckReachableAsync(CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        try
        {
            await storage.Reports.ExistsAsync(cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException)
        {
            problems.Add($"Blob storage at {storage.Blobs.Uri.GetLeftPart(UriPartial.Path)} did not answer: {FirstLine(e.Message)}");
        }

        try
        {
            await foreach (var page in storage.Submissions.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
            {
                break;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The service answered; the table is not created yet.
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException)
        {
            problems.Add($"Table storage at {storage.Tables.Uri.GetLeftPart(UriPartial.Path)} did not answer: {FirstLine(e.Message)}");
        }

        return problems;
    }

    /// <summary>Uploads of (reporter, period) whose receipt is missing or older than the upload.</summary>
    private async Task<IReadOnlyList<PendingUpload>> ListProcessingAsync(string reporter, string period, CancellationToken cancellationToken)
    {
        var folder = BlobLayout.Folder(reporter, period);
        var receipts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var blob in OrEmpty(storage.Receipts.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken)))
        {
            receipts[blob.Name] = blob.Properties.LastModified ?? DateTimeOffset.MinValue;
        }

        var pending = new List<PendingUpload>();
        await foreach (var blob in OrEmpty(storage.Uploads.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken)))
        {
            if (Pending(blob, receipts) is { } upload)
            {
                pending.Add(upload);
            }
        }

        return pending;
    }

    private async IAsyncEnumerable<(string Reporter, PendingUpload Upload)> ListPendingByReporterAsync(string period, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Uploads are reporter-first; a period's uploads of all reporters are found by listing each reporter's folder names.
        var receipts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var uploads = new List<BlobItem>();
        await foreach (var blob in OrEmpty(storage.Uploads.GetBlobsAsync(cancellationToken: cancellationToken)))
        {
            if (blob.Name.Split('/') is [_, var p, _] && p == period)
            {
                uploads.Add(blob);
            }
        }

        foreach (var folder in uploads.Select(u => u.Name[..(u.Name.LastIndexOf('/') + 1)]).Distinct(StringComparer.Ordinal))
        {
            await foreach (var blob in OrEmpty(storage.Receipts.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken)))
            {
                receipts[blob.Name] = blob.Properties.LastModified ?? DateTimeOffset.MinValue;
            }
        }

        foreach (var blob in uploads)
        {
            if (Pending(blob, receipts) is { } upload)
            {
                yield return (blob.Name[..blob.Name.IndexOf('/', StringComparison.Ordinal)], upload);
            }
        }
    }

    private static PendingUpload? Pending(BlobItem upload, Dictionary<string, DateTimeOffset> receipts)
    {
        var uploadedAt = upload.Properties.LastModified ?? DateTimeOffset.MinValue;
        return receipts.TryGetValue(BlobLayout.Receipt(upload.Name), out var written) && written >= uploadedAt
            ? null
            : new PendingUpload(upload.Name[(upload.Name.LastIndexOf('/') + 1)..], uploadedAt, upload.Properties.ContentLength ?? 0);
    }

    private static VersionRecord? ToVersion(LedgerEntity row) => row.Version is not { } version ? null : new VersionRecord
    {
        Reporter = row.Reporter,
        Period = row.Period,
        Version = version,
        File = row.File ?? string.Empty,
        Sha256 = row.Sha256,
        Outcome = row.Outcome ?? string.Empty,
        ProcessedAt = row.ProcessedAt,
        Totals = TotalsJson.Read(row.Totals),
        Changes = TotalsJson.ReadChanges(row.Changes),
        Supersedes = row.Supersedes,
        Observations = row.Observations ?? 0,
        ReceiptName = row.ReceiptName,
        DataPartition = row.DataPartition,
    };

    private static async Task<byte[]?> ReadBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static async IAsyncEnumerable<T> OrEmpty<T>(AsyncPageable<T> pageable)
        where T : notnull
    {
        var pages = pageable.AsPages().GetAsyncEnumerator();
        try
        {
            while (true)
            {
                try
                {
                    if (!await pages.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // The table or container is not created yet: nothing is in it.
                    yield break;
                }

                foreach (var item in pages.Current.Values)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static ParallelOptions ParallelReads(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
