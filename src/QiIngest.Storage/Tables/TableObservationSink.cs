using Azure.Data.Tables;
using QiIngest.Core;

namespace QiIngest.Storage.Tables;

/// <summary>
/// Stages a return's observations in content-addressed partitions while it is read: <c>{prefix}-0000</c>,
/// <c>{prefix}-0001</c> …, each run of 100 rows (one transaction) in the next partition, round robin over
/// <c>partitions</c>. The keys depend only on the file, so a retry writes the same rows; the transactions in flight go to
/// different partitions (Azure serves about 2,000 entities per second per partition). Nothing staged is visible to the
/// rollup until the ledger commits the version; a rejected file's rows are deleted.
/// </summary>
internal sealed class TableObservationSink(TableClient table, string prefix, string reporter, string period, int maxParallel, int partitions) : IObservationSink, IAsyncDisposable
{
    private readonly TableBatchWriter _writer = new(table, maxParallel);
    private int _count;

    /// <summary>Transactions submitted.</summary>
    public int Transactions => _writer.Transactions;

    public ValueTask AddAsync(Observation observation, CancellationToken cancellationToken = default)
    {
        var entity = ObservationEntity.From(observation, TableKeys.DataPartition(prefix, _count++ / TableBatchWriter.MaxActions % partitions), reporter, period);
        return _writer.UpsertAsync(entity, entity.EstimatedBytes, cancellationToken);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default) => await _writer.FlushAsync(cancellationToken);

    /// <summary>Deletes whatever was staged (for a rejected file), idempotently; rows cut short are collected by the sweep (their staging marker stays).</summary>
    public async Task DiscardAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _writer.FlushAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException)
        {
            // A failed staging write leaves less to delete.
        }

        await TableCleanup.DeleteAsync(table, TableKeys.DataFilter(prefix), cancellationToken);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
