using Azure;
using Azure.Data.Tables;
using QiIngest.Core;
using QiIngest.Core.Receipts;

namespace QiIngest.Storage.Tables;

/// <summary>
/// Decides which version of a (reporter, period) is current. A commit adds the version row, moves the <c>current</c>
/// pointer (guarded by its ETag) and records the file's hash in ONE entity-group transaction: a crash leaves either the
/// previous version or the new one current, never a mix.
/// </summary>
public sealed class SubmissionLedger(TableClient table, TimeProvider clock)
{
    private const int MaxCommitAttempts = 20;

    /// <summary>The ledger table.</summary>
    public TableClient Table => table;

    /// <summary>The row of a file already seen for (reporter, period), by its bytes' hash.</summary>
    public async Task<LedgerEntity?> FindShaAsync(string reporter, string period, string sha256, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<LedgerEntity>(TableKeys.Submission(reporter, period), TableKeys.Sha(sha256), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The current version of (reporter, period), or null when nothing was accepted yet.</summary>
    public async Task<LedgerEntity?> GetCurrentAsync(string reporter, string period, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<LedgerEntity>(TableKeys.Submission(reporter, period), LedgerEntity.CurrentRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>One version row, for audit.</summary>
    public async Task<LedgerEntity?> GetVersionAsync(string reporter, string period, int version, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<LedgerEntity>(TableKeys.Submission(reporter, period), TableKeys.Version(version), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The current pointers of every reporter, optionally of one period only.</summary>
    public IAsyncEnumerable<LedgerEntity> ListCurrentAsync(string? period = null, CancellationToken cancellationToken = default) =>
        table.QueryAsync<LedgerEntity>(
            period is null ? TableClient.CreateQueryFilter($"RowKey eq {LedgerEntity.CurrentRowKey}") : TableClient.CreateQueryFilter($"RowKey eq {LedgerEntity.CurrentRowKey} and Period eq {period}"),
            cancellationToken: cancellationToken);

    /// <summary>
    /// Writes the staging marker of a file before any of its rows is staged; returns its ETag for the commit or discard.
    /// Throws <see cref="StagingLostException"/> while the sweep is collecting an earlier staging of the same bytes.
    /// </summary>
    public async Task<ETag> BeginStagingAsync(UploadPath path, string sha256, string blobName, string dataPartition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var partition = TableKeys.Submission(path.Reporter, path.Period.ToString());
        var marker = new LedgerEntity
        {
            PartitionKey = partition,
            RowKey = TableKeys.Staging(sha256),
            Reporter = path.Reporter,
            Period = path.Period.ToString(),
            Sha256 = sha256,
            File = path.FileName,
            BlobName = blobName,
            DataPartition = dataPartition,
            StagingStartedAt = clock.GetUtcNow(),
        };
        for (var attempt = 1; ; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<LedgerEntity>(partition, marker.RowKey, cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value!.Collecting == true)
            {
                throw new StagingLostException($"The sweep is deleting an abandoned staging of {blobName} (sha256 {sha256}): ingest it again later.");
            }

            try
            {
                var response = existing.HasValue
                    ? await table.UpdateEntityAsync(marker, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await table.AddEntityAsync(marker, cancellationToken);
                return response.Headers.ETag ?? throw new InvalidOperationException("The table service gave no ETag for the staging marker.");
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxCommitAttempts)
            {
                // Another delivery of the same bytes wrote the marker meanwhile: take it over (its own commit then fails and retries).
            }
        }
    }

    /// <summary>Removes a staging marker after a discard; gone or taken over meanwhile is no error.</summary>
    public async Task EndStagingAsync(UploadPath path, string sha256, ETag staging, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            await TableCleanup.DeleteRowAsync(table, TableKeys.Submission(path.Reporter, path.Period.ToString()), TableKeys.Staging(sha256), staging, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another delivery of the same bytes owns the marker now.
        }
    }

    /// <summary>Every staging marker (a scan of the ledger's small rows only, never of the observations).</summary>
    public AsyncPageable<LedgerEntity> ListStagingAsync(CancellationToken cancellationToken = default) =>
        table.QueryAsync<LedgerEntity>(TableClient.CreateQueryFilter($"RowKey ge {TableKeys.StagingPrefix} and RowKey lt {"stage."}"), cancellationToken: cancellationToken);

    /// <summary>The highest version number in the partition: at least <paramref name="current"/>, higher when a later-uploaded version is current.</summary>
    private async Task<int> GetLatestVersionAsync(string partition, int current, CancellationToken cancellationToken)
    {
        var latest = current;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {TableKeys.Version(current)} and RowKey lt {"w"}");
        await foreach (var row in table.QueryAsync<LedgerEntity>(filter, select: ["RowKey", "Version"], cancellationToken: cancellationToken))
        {
            latest = Math.Max(latest, row.Version ?? latest);
        }

        return latest;
    }

    /// <summary>Remembers a rejected file so that re-delivering it is a no-op.</summary>
    public async Task RecordRejectedAsync(UploadPath path, string sha256, string blobName, string receiptName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entity = new LedgerEntity
        {
            PartitionKey = TableKeys.Submission(path.Reporter, path.Period.ToString()),
            RowKey = TableKeys.Sha(sha256),
            Reporter = path.Reporter,
            Period = path.Period.ToString(),
            Sha256 = sha256,
            File = path.FileName,
            BlobName = blobName,
            ReceiptName = receiptName,
            Outcome = Outcome.Rejected,
            ProcessedAt = clock.GetUtcNow(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Records an accepted, fully staged file as a new version, atomically, and makes it current unless the current
    /// version was uploaded later (<paramref name="uploadedAt"/> is the upload order; within the same instant, the later
    /// commit is current). The staging marker, when given, is removed in the same transaction, guarded by its ETag: if
    /// the sweep has taken the staged rows meanwhile, the commit fails with <see cref="StagingLostException"/>.
    /// </summary>
    public async Task<CommitResult> CommitAsync(UploadPath path, string sha256, string blobName, string receiptName, string dataPartition, CheckResult result, DateTimeOffset? uploadedAt = null, ETag? staging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(result);
        var period = path.Period.ToString();
        var partition = TableKeys.Submission(path.Reporter, period);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetCurrentAsync(path.Reporter, period, cancellationToken);
            var latest = current is null ? 0 : await GetLatestVersionAsync(partition, current.Version ?? 0, cancellationToken);
            var version = latest + 1;
            var becomesCurrent = current?.UploadedAt is not { } theirs || uploadedAt is not { } ours || ours >= theirs;
            var changes = becomesCurrent ? Receipt.Diff(TotalsJson.Read(current?.Totals), result.Totals) : [];
            var now = clock.GetUtcNow();
            var totals = TotalsJson.Write(result.Totals);
            var changesJson = TotalsJson.WriteChanges(changes);

            // The version row, the pointer and the hash row carry the same facts under three keys.
            LedgerEntity Row(string rowKey) => new()
            {
                PartitionKey = partition,
                RowKey = rowKey,
                Reporter = path.Reporter,
                Period = period,
                Version = version,
                Sha256 = sha256,
                File = path.FileName,
                BlobName = blobName,
                ReceiptName = receiptName,
                DataPartition = dataPartition,
                Totals = totals,
                Observations = result.ObservationCount,
                Supersedes = becomesCurrent ? current?.Version : null,
                SupersededBy = becomesCurrent ? null : current?.Version,
                Changes = changesJson,
                Outcome = result.Outcome,
                ProcessedAt = now,
                UploadedAt = uploadedAt,
            };

            var versionRow = Row(TableKeys.Version(version));
            var pointer = Row(LedgerEntity.CurrentRowKey);
            var shaRow = Row(TableKeys.Sha(sha256));
            var actions = new List<TableTransactionAction>(4) { new(TableTransactionActionType.Add, versionRow) };
            if (becomesCurrent)
            {
                actions.Add(current is null ? new(TableTransactionActionType.Add, pointer) : new(TableTransactionActionType.UpdateReplace, pointer, current.ETag));
            }

            actions.Add(new(TableTransactionActionType.Add, shaRow));
            if (staging is { } markerETag)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, TableKeys.Staging(sha256)), markerETag));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return new CommitResult(version, versionRow.Supersedes, changes, false, versionRow.SupersededBy);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412 && attempt < MaxCommitAttempts)
            {
                // Someone else committed meanwhile: the same file (then this is a no-op) or another version (then retry on top of it).
                var existing = await FindShaAsync(path.Reporter, period, sha256, cancellationToken);
                if (existing?.Version is { } committed)
                {
                    return new CommitResult(committed, existing.Supersedes, TotalsJson.ReadChanges(existing.Changes), true, existing.SupersededBy);
                }

                if (staging is { } mine && (await table.GetEntityIfExistsAsync<LedgerEntity>(partition, TableKeys.Staging(sha256), cancellationToken: cancellationToken)) is var found && (!found.HasValue || found.Value!.ETag != mine))
                {
                    throw new StagingLostException($"The staged rows of {blobName} (sha256 {sha256}) were taken over before the commit: ingest it again.");
                }
            }
        }
    }
}
