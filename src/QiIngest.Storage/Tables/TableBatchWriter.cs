using Azure.Data.Tables;

namespace QiIngest.Storage.Tables;

/// <summary>
/// Writes entities as entity-group transactions that obey the service's rules: one partition, at most 100 actions and
/// under 4 MiB each. Azurite does not enforce the single-partition rule; this class does, so that what passes locally
/// passes on Azure. Entities should arrive grouped by partition; a new partition starts a new transaction.
/// Transactions are kept in flight in parallel up to a bound.
/// </summary>
internal sealed class TableBatchWriter(TableClient table, int maxParallel) : IAsyncDisposable
{
    /// <summary>The service's limit of actions per transaction.</summary>
    public const int MaxActions = 100;

    /// <summary>Below the service's 4 MiB payload limit, with room for the multipart framing.</summary>
    public const int MaxPayloadBytes = 3 * 1024 * 1024;

    private readonly List<TableTransactionAction> _pending = new(MaxActions);
    private readonly SemaphoreSlim _slots = new(maxParallel, maxParallel);
    private readonly List<Task> _inFlight = [];
    private int _pendingBytes;

    /// <summary>Transactions submitted so far.</summary>
    public int Transactions { get; private set; }

    /// <summary>Adds an upsert (replace) of <paramref name="entity"/>; submits a transaction whenever one is full.</summary>
    public async ValueTask UpsertAsync(ITableEntity entity, int estimatedBytes, CancellationToken cancellationToken)
    {
        if (_pending.Count == MaxActions
            || (_pending.Count > 0 && (_pendingBytes + estimatedBytes > MaxPayloadBytes || _pending[0].Entity.PartitionKey != entity.PartitionKey)))
        {
            await SubmitAsync(cancellationToken);
        }

        _pending.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        _pendingBytes += estimatedBytes;
    }

    /// <summary>Submits what is pending and waits for every transaction; the first failure propagates.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            await SubmitAsync(cancellationToken);
        }

        await Task.WhenAll(_inFlight);
        _inFlight.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_inFlight);
        }
        catch (Exception)
        {
            // Already surfaced by FlushAsync, or the writer is abandoned because the ingestion failed.
        }

        _slots.Dispose();
    }

    private async Task SubmitAsync(CancellationToken cancellationToken)
    {
        var batch = _pending.ToArray();
        _pending.Clear();
        var partition = batch[0].Entity.PartitionKey;
        if (batch.Any(a => a.Entity.PartitionKey != partition))
        {
            throw new InvalidOperationException($"A transaction may hold one partition only; this one mixes '{partition}' with others.");
        }

        _pendingBytes = 0;
        Transactions++;
        await _slots.WaitAsync(cancellationToken);
        var faulted = _inFlight.FirstOrDefault(t => t.IsFaulted);
        if (faulted is not null)
        {
            _slots.Release();
            await faulted;
        }

        _inFlight.RemoveAll(t => t.IsCompletedSuccessfully);
        _inFlight.Add(Task.Run(
            async () =>
            {
                try
                {
                    await table.SubmitTransactionAsync(batch, cancellationToken);
                }
                finally
                {
                    _slots.Release();
                }
            },
            cancellationToken));
    }
}
