using Azure;
using Azure.Data.Tables;

namespace QiIngest.Storage.Tables;

/// <summary>
/// Deletes rows idempotently. A delete transaction whose answer was lost is retried by the SDK, and the retry gets 404
/// for rows the first try already deleted; then the batch is deleted row by row, where a missing row is no error.
/// </summary>
internal static class TableCleanup
{
    /// <summary>Deletes every row <paramref name="filter"/> selects; returns the rows and partitions deleted.</summary>
    public static async Task<(int Rows, int Partitions)> DeleteAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var rows = 0;
        var partitions = 0;
        string? last = null;
        var batch = new List<TableTransactionAction>(TableBatchWriter.MaxActions);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (batch.Count > 0 && batch[0].Entity.PartitionKey != row.PartitionKey)
            {
                rows += await SubmitAsync(table, batch, cancellationToken);
            }

            if (row.PartitionKey != last)
            {
                partitions++;
                last = row.PartitionKey;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), ETag.All));
            if (batch.Count == TableBatchWriter.MaxActions)
            {
                rows += await SubmitAsync(table, batch, cancellationToken);
            }
        }

        if (batch.Count > 0)
        {
            rows += await SubmitAsync(table, batch, cancellationToken);
        }

        return (rows, partitions);
    }

    /// <summary>Deletes one row; a row already gone is no error.</summary>
    public static async Task DeleteRowAsync(TableClient table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ifMatch, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: what the delete wanted.
        }
    }

    private static async Task<int> SubmitAsync(TableClient table, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        var count = batch.Count;
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            foreach (var action in batch)
            {
                await DeleteRowAsync(table, action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
            }
        }

        batch.Clear();
        return count;
    }
}
