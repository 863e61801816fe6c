using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QiIngest.Storage;

/// <summary>
/// Creates the containers, tables and queues of the data account if they are missing: in the background at start-up,
/// and again on first use until it has succeeded once (storage may be down when the host starts). Bicep creates them in
/// Azure; a local run under the Functions host or on fresh Azurite does not, and the first upload would fail with
/// <c>TableNotFound</c> until poisoned.
/// </summary>
public sealed partial class StorageProvisioner(QiStorage storage, ILogger<StorageProvisioner> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>Whether everything has been created (or found) once.</summary>
    public bool IsProvisioned => _done;

    /// <summary>Creates what is missing, once; storage faults propagate (the caller retries, as for any storage call).</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await storage.EnsureCreatedAsync(cancellationToken);
                _done = true;
                LogProvisioned(logger, storage.Blobs.AccountName);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts provisioning without holding up the host's start.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await EnsureAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
                {
                    LogDeferred(logger, e.Message);
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(301, LogLevel.Information, "The containers, tables and queues of {Account} exist")]
    private static partial void LogProvisioned(ILogger logger, string account);

    [LoggerMessage(302, LogLevel.Warning, "Could not create the containers, tables and queues at start-up ({Reason}); the first use tries again")]
    private static partial void LogDeferred(ILogger logger, string reason);
}
