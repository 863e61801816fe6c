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

    /// <summary>Makes an accepted, fully staged file the current version, atomically.</summary>
    public async Task<CommitResult> CommitAsync(UploadPath path, string sha256, string blobName, string receiptName, string dataPartition, CheckResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(result);
        var period = path.Period.ToString();
        var partition = TableKeys.Submission(path.Reporter, period);
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetCurrentAsync(path.Reporter, period, cancellationToken);
            var version = (current?.Version ?? 0) + 1;
            var changes = Receipt.Diff(TotalsJson.Read(current?.Totals), result.Totals);
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
                Supersedes = current?.Version,
                Changes = changesJson,
                Outcome = result.Outcome,
                ProcessedAt = now,
            };

            var versionRow = Row(TableKeys.Version(version));
            var pointer = Row(LedgerEntity.CurrentRowKey);
            var shaRow = Row(TableKeys.Sha(sha256));
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, versionRow),
                current is null ? new(TableTransactionActionType.Add, pointer) : new(TableTransactionActionType.UpdateReplace, pointer, current.ETag),
                new(TableTransactionActionType.Add, shaRow),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return new CommitResult(version, current?.Version, changes, false);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxCommitAttempts)
            {
                // Someone else committed meanwhile: the same file (then this is a no-op) or another version (then retry on top of it).
                var existing = await FindShaAsync(path.Reporter, period, sha256, cancellationToken);
                if (existing?.Version is { } committed)
                {
                    return new CommitResult(committed, existing.Supersedes, TotalsJson.ReadChanges(existing.Changes), true);
                }
            }
        }
    }
}
