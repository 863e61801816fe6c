using System.Collections.Concurrent;

namespace QiIngest.Cli.Demo;

/// <summary>Which blobs the demo's host has finished ingesting, so that the demo stops the host only when it is idle.</summary>
internal sealed class IngestionCounter : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _done = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0);

    /// <summary>How many ingestions completed.</summary>
    public int Count => _done.Values.Sum();

    /// <summary>Records one completed ingestion of <paramref name="blobName"/>.</summary>
    public void Completed(string blobName)
    {
        _done.AddOrUpdate(blobName, 1, (_, n) => n + 1);
        _changed.Release();
    }

    /// <summary>Waits until every one of <paramref name="blobNames"/> was ingested at least once; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForAsync(IReadOnlyCollection<string> blobNames, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (!blobNames.All(_done.ContainsKey))
        {
            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left, cancellationToken))
            {
                return blobNames.All(_done.ContainsKey);
            }
        }

        return true;
    }

    public void Dispose() => _changed.Dispose();
}
