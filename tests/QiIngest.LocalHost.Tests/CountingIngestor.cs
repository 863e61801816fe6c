using System.Collections.Concurrent;
using QiIngest.Core.Receipts;
using QiIngest.Storage.Ingestion;

namespace QiIngest.LocalHost.Tests;

/// <summary>Counts the ingestions of each blob across every host that shares it, then ingests (or fails, when there is no inner ingestor).</summary>
internal sealed class CountingIngestor(ConcurrentDictionary<string, int> calls, IUploadIngestor? inner) : IUploadIngestor
{
    public async Task<Receipt?> IngestAsync(string blobName, CancellationToken cancellationToken = default)
    {
        calls.AddOrUpdate(blobName, 1, (_, n) => n + 1);
        return inner is null
            ? throw new InvalidOperationException($"Storage is down (a test fault) while ingesting {blobName}.")
            : await inner.IngestAsync(blobName, cancellationToken);
    }
}
