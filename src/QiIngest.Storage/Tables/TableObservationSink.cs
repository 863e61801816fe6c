using Azure.Data.Tables;
using QiIngest.Core;

namespace QiIngest.Storage.Tables;

/// <summary>
/// Stages a return's observations in its own content-addressed partition while it is read. Nothing staged is visible
/// to the rollup until the ledger commits the version; a rejected file's staged rows are deleted.
/// </summary>
internal sealed class TableObservationSink(TableClient table, string partition, string reporter, string period, int maxParallel) : IObservationSink, IAsyncDisposable
{
    private readonly TableBatchWriter _writer = new(table, partition, maxParallel);

    /// <summary>Transactions submitted.</summary>
    public int Transactions => _writer.Transactions;

    public ValueTask AddAsync(Observation observation, CancellationToken cancellationToken = default)
    {
        var entity = ObservationEntity.From(observation, partition, reporter, period);
        return _writer.UpsertAsync(entity, entity.EstimatedBytes, cancellationToken);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default) => await _writer.FlushAsync(cancellationToken);

    /// <summary>Deletes whatever was staged (for a rejected file); rows nobody points to are harmless if this is cut short.</summary>
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

        var batch = new List<TableTransactionAction>(TableBatchWriter.MaxActions);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row.RowKey)));
            if (batch.Count == TableBatchWriter.MaxActions)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
