using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QiIngest.Storage.Telemetry;

namespace QiIngest.Storage.Ingestion;

/// <summary>
/// Takes uploads out of the poison queue and retries them with exponential backoff, for as long as they fail. The blob
/// trigger tries an upload <see cref="RetrySchedule.HostTries"/> times back to back and then moves its message to
/// <c>webjobs-blobtrigger-poison</c> in the data account; <see cref="HandlePoisonAsync"/> records the attempt and puts
/// the upload on the retry queue (<c>QiIngest:Storage:RetryQueue</c>) with a visibility delay from
/// <see cref="RetrySchedule"/>; <see cref="RetryAsync"/> ingests it when the delay is over and, when it fails again,
/// queues the next retry with twice the delay. The reconciliation sweep is the backstop if a queue message is lost.
/// </summary>
public sealed partial class RedriveService(QiStorage storage, IUploadIngestor ingestor, UploadStatusStore status, IOptions<StorageOptions> options, TimeProvider clock, ILogger<RedriveService> logger)
{
    /// <summary>The Azure Queue limit of a message's visibility delay.</summary>
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    /// <summary>The delay before a poison message of another host's container goes back to the queue for that host.</summary>
    private static readonly TimeSpan ForeignDelay = TimeSpan.FromSeconds(5);

    /// <summary>Handles one message of the poison queue (the blob trigger's JSON: <c>ContainerName</c>, <c>BlobName</c>, …).</summary>
    /// <returns>True when the upload was queued for a retry.</returns>
    public async Task<bool> HandlePoisonAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        string? container;
        string? blobName;
        try
        {
            using var json = JsonDocument.Parse(message);
            container = json.RootElement.TryGetProperty("ContainerName", out var c) ? c.GetString() : null;
            blobName = json.RootElement.TryGetProperty("BlobName", out var b) ? b.GetString() : null;
        }
        catch (JsonException)
        {
            LogUnreadable(logger, message.Length > 200 ? message[..200] : message);
            return false;
        }

        if (string.IsNullOrEmpty(blobName) || container != options.Value.UploadsContainer)
        {
            // Another app's (or test host's) upload on the shared queue: put it back for that host while its container exists.
            if (!string.IsNullOrEmpty(container) && (await storage.Blobs.GetBlobContainerClient(container).ExistsAsync(cancellationToken)).Value)
            {
                await storage.PoisonQueue.SendMessageAsync(message, ForeignDelay, cancellationToken: cancellationToken);
            }

            return false;
        }

        var current = await status.GetAsync(blobName, cancellationToken);
        var attempt = Math.Max(current?.Attempt ?? 0, RetrySchedule.HostTries);
        await status.FailAsync(blobName, attempt, current?.LastError ?? "moved to the poison queue after the blob trigger's own retries", cancellationToken);
        await QueueRetryAsync(blobName, attempt, cancellationToken);
        return true;
    }

    /// <summary>Handles one message of the retry queue: ingests the upload, or queues the next retry when it fails again.</summary>
    public async Task RetryAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var retry = JsonSerializer.Deserialize<RetryMessage>(message) ?? throw new JsonException("The retry message is empty.");
        try
        {
            await ingestor.IngestAsync(retry.BlobName, cancellationToken);
            LogRetried(logger, retry.BlobName, retry.Attempt + 1);
            QiTelemetry.UploadsRedriven(1);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var recorded = (await status.GetAsync(retry.BlobName, cancellationToken))?.Attempt ?? 0;
            var attempt = Math.Max(retry.Attempt + 1, recorded);
            LogRetryFailed(logger, retry.BlobName, attempt, UploadStatusStore.Describe(e));
            await QueueRetryAsync(retry.BlobName, attempt, cancellationToken);
        }
    }

    private async Task QueueRetryAsync(string blobName, int attempt, CancellationToken cancellationToken)
    {
        var delay = RetrySchedule.Delay(attempt, options.Value);
        var visibility = delay < MaxVisibility ? delay : MaxVisibility;
        await storage.RetryQueue.SendMessageAsync(JsonSerializer.Serialize(new RetryMessage(blobName, attempt)), visibility, cancellationToken: cancellationToken);
        LogQueued(logger, blobName, attempt, clock.GetUtcNow() + visibility);
    }

    /// <summary>A message of the retry queue: the upload and the attempts made so far.</summary>
    internal sealed record RetryMessage(string BlobName, int Attempt);

    [LoggerMessage(401, LogLevel.Warning, "Redrive: {BlobName} failed {Attempt} attempts; the next is at {NextAt:O}")]
    private static partial void LogQueued(ILogger logger, string blobName, int attempt, DateTimeOffset nextAt);

    [LoggerMessage(402, LogLevel.Information, "Redrive: {BlobName} ingested at attempt {Attempt}")]
    private static partial void LogRetried(ILogger logger, string blobName, int attempt);

    [LoggerMessage(403, LogLevel.Warning, "Redrive: {BlobName} failed again at attempt {Attempt} ({Reason})")]
    private static partial void LogRetryFailed(ILogger logger, string blobName, int attempt, string reason);

    [LoggerMessage(404, LogLevel.Error, "Redrive: a poison message that is not the blob trigger's JSON was dropped: {Message}")]
    private static partial void LogUnreadable(ILogger logger, string message);
}
