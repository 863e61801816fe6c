using Azure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QiIngest.Storage;

namespace QiIngest.LocalHost;

/// <summary>
/// When the local host serves the portal, lets the portal's origin (Kestrel's addresses, under both loopback names) PUT
/// uploads to the data account's blob service (Azurite): <see cref="BrowserUploadCors"/>. Runs at start, after Kestrel
/// listens (its port may be picked at start), and before the host counts as started.
/// </summary>
internal sealed partial class PortalUploadCors(IServer server, QiStorage storage, ILogger<PortalUploadCors> logger) : IHostedLifecycleService
{
    /// <summary>After every hosted service has started: Kestrel, whose service is registered after this one, listens by then.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var origins = Origins(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        try
        {
            await BrowserUploadCors.AllowOriginsAsync(storage.Blobs, origins, cancellationToken);
            LogAllowed(logger, string.Join(", ", origins), storage.Blobs.Uri);
        }
        catch (RequestFailedException e)
        {
            LogFailed(logger, storage.Blobs.Uri, e.Status, e.ErrorCode, e.Message.Split('\n', 2)[0]);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Each address as an origin, and for a loopback one its twin (<c>localhost</c> ↔ <c>127.0.0.1</c>), which a person may type instead.</summary>
    internal static IReadOnlyList<string> Origins(IEnumerable<string> addresses)
    {
        var origins = new List<string>();
        foreach (var address in addresses)
        {
            var uri = new Uri(address);
            origins.Add(uri.GetLeftPart(UriPartial.Authority));
            var twin = uri.Host switch
            {
                "127.0.0.1" => "localhost",
                "localhost" => "127.0.0.1",
                _ => null,
            };
            if (twin is not null)
            {
                origins.Add(new UriBuilder(uri) { Host = twin }.Uri.GetLeftPart(UriPartial.Authority));
            }
        }

        return origins;
    }

    [LoggerMessage(10, LogLevel.Information, "The portal's origins {Origins} may PUT uploads to {BlobService} (CORS).")]
    private static partial void LogAllowed(ILogger logger, string origins, Uri blobService);

    [LoggerMessage(11, LogLevel.Warning, "Could not set the CORS rule of {BlobService} for the portal's uploads ({Status} {ErrorCode}: {Reason}); uploads from the browser will fail until it is set.")]
    private static partial void LogFailed(ILogger logger, Uri blobService, int status, string? errorCode, string reason);
}
