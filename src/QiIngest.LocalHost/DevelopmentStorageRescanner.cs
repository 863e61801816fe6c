using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QiIngest.Storage;

namespace QiIngest.LocalHost;

/// <summary>
/// Works around a gap of the WebJobs blob trigger on development storage (Azurite). There the SDK polls with its
/// container-scan strategy, which remembers the newest <c>Last-Modified</c> it listed and later takes only blobs strictly
/// newer. <c>Last-Modified</c> has whole seconds, so a blob written in the same second as the newest one of a scan, after
/// that scan, is never picked up. In Azure the trigger uses Event Grid (the Functions app) or a scan that takes equal
/// times too, so this happens only locally.
/// </summary>
/// <remarks>
/// Every second (<see cref="LocalHostSettings.RescanSeconds"/>) this lists the trigger's own blob receipts
/// (<c>azure-webjobs-hosts/blobreceipts/{host id}/{function}/{etag}/{container}/{blob}</c>, written when the trigger picks
/// a blob up) and the uploads container. Once the scan has taken no blob for a few seconds, a blob that has been there as
/// long and whose current ETag has no receipt has been missed: its metadata is touched (only if it is still that version), which gives it a new <c>Last-Modified</c>, and the
/// trigger picks it up, once, through the same queue, receipts and retries as any other.
/// </remarks>
internal sealed partial class DevelopmentStorageRescanner(
    QiStorage storage,
    IHostIdProvider hostIds,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DevelopmentStorageRescanner> logger) : BackgroundService
{
    /// <summary>The setting with the seconds between sweeps; 0 turns the sweeps off.</summary>
    public const string IntervalSetting = LocalHostSettings.RescanSeconds;

    private const string MetadataKey = "qirescan";

    /// <summary>
    /// How long a blob must have been there, and the scan must have taken no blob, before a blob without a receipt counts
    /// as missed: the scan lists every 2 s after it has taken the blobs of its last listing. Touching a blob the scan was
    /// about to take queues it twice (bench/README.md, <c>burst_vs_serial</c>).
    /// </summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue(IntervalSetting, LocalHostSettings.DefaultRescanSeconds);
        var hostStorage = configuration[LocalHostSettings.HostStorage];
        if (seconds <= 0 || !IsDevelopmentStorage(storage.Blobs) || string.IsNullOrWhiteSpace(hostStorage))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(seconds);
        var receipts = new BlobServiceClient(hostStorage).GetBlobContainerClient("azure-webjobs-hosts");
        var hostId = await hostIds.GetHostIdAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await SweepAsync(receipts, hostId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e)
            {
                LogSweepFailed(logger, e.Message);
            }
        }
    }

    private async Task SweepAsync(BlobContainerClient receipts, string hostId, CancellationToken cancellationToken)
    {
        var container = storage.Uploads.Name;
        var seen = new HashSet<(string ETag, string Blob)>();
        var lastTaken = DateTimeOffset.MinValue;
        var prefix = $"blobreceipts/{hostId}/";
        await foreach (var receipt in receipts.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            // {function}/{etag}/{container}/{blob name, which may hold slashes}
            var parts = receipt.Name[prefix.Length..].Split('/', 4);
            if (parts.Length == 4 && parts[2] == container)
            {
                seen.Add((parts[1].Trim('"'), parts[3]));
                lastTaken = receipt.Properties.CreatedOn is { } created && created > lastTaken ? created : lastTaken;
            }
        }

        // The scan takes the blobs of one listing one at a time (a receipt, a lease and a message each) and lists again
        // only when it is through them: while it is still taking uploads, a blob without a receipt may just be next.
        var now = clock.GetUtcNow();
        if (now - lastTaken < Grace)
        {
            return;
        }

        await foreach (var blob in storage.Uploads.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, null, cancellationToken))
        {
            // Receipt names carry the ETag quoted, as blob properties give it; listings give it bare.
            var etag = blob.Properties.ETag?.ToString().Trim('"') ?? "";
            if (blob.Properties.LastModified is not { } modified || now - modified < Grace || seen.Contains((etag, blob.Name)))
            {
                continue;
            }

            var metadata = new Dictionary<string, string>(blob.Metadata, StringComparer.OrdinalIgnoreCase)
            {
                [MetadataKey] = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            try
            {
                await storage.Uploads.GetBlobClient(blob.Name).SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = blob.Properties.ETag }, cancellationToken);
                LogTouched(logger, blob.Name, modified);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Deleted or replaced meanwhile: the replacement is a new blob for the trigger.
            }
        }
    }

    /// <summary>The SDK's own test: a path-style service URL (<c>http://127.0.0.1:10000/devstoreaccount1</c>).</summary>
    private static bool IsDevelopmentStorage(BlobServiceClient blobs) =>
        string.Equals(blobs.Uri.PathAndQuery.TrimStart('/').TrimEnd('/'), blobs.AccountName, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(2, LogLevel.Information, "The blob trigger's scan missed {BlobName} (written {Modified:O} in the same second as another): touched it so that the trigger picks it up.")]
    private static partial void LogTouched(ILogger logger, string blobName, DateTimeOffset modified);

    [LoggerMessage(3, LogLevel.Warning, "Could not look for uploads the blob trigger's scan missed: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
