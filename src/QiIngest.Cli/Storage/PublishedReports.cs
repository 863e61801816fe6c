using Azure;
using Azure.Storage.Blobs.Models;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Storage;

namespace QiIngest.Cli.Storage;

/// <summary>Reads what the rollup published under <c>reports/{period}/</c>.</summary>
internal sealed class PublishedReports(QiStorage storage)
{
    /// <summary>The bytes of <c>reports/{period}/national.json</c>, or null when the period has no report yet.</summary>
    public async Task<byte[]?> ReadNationalJsonAsync(string period, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Reports.GetBlobClient($"{period}/national.json").DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The national rollup of <paramref name="period"/>, or null when it has no report yet.</summary>
    public async Task<NationalRollup?> ReadNationalAsync(string period, CancellationToken cancellationToken = default) =>
        await ReadNationalJsonAsync(period, cancellationToken) is { } json ? NationalJson.Read(json) : null;

    /// <summary>Where the dashboard of <paramref name="period"/> is.</summary>
    public Uri DashboardUri(string period) => storage.Reports.GetBlobClient($"{period}/index.html").Uri;

    /// <summary>Downloads the dashboard of <paramref name="period"/> to <paramref name="localPath"/>; false when there is none.</summary>
    public async Task<bool> DownloadDashboardAsync(string period, string localPath, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await storage.Reports.GetBlobClient($"{period}/index.html").DownloadContentAsync(cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(localPath)!);
            await File.WriteAllBytesAsync(localPath, content.Value.Content.ToArray(), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Downloads every report of <paramref name="period"/> (national.json, national.csv, national.sdmx.csv, index.html and
    /// whatever else the rollup publishes there) to <c>{folder}/{period}/</c>; returns the local paths, in name order.
    /// </summary>
    public async Task<IReadOnlyList<string>> DownloadAllAsync(string period, string folder, CancellationToken cancellationToken = default)
    {
        var prefix = $"{period}/";
        var saved = new List<string>();
        await foreach (var blob in storage.Reports.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            var local = Path.Combine(folder, period, blob.Name[prefix.Length..].Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            await storage.Reports.GetBlobClient(blob.Name).DownloadToAsync(local, cancellationToken);
            saved.Add(local);
        }

        saved.Sort(StringComparer.Ordinal);
        return saved;
    }

    /// <summary>The message for a period without a report.</summary>
    public static string NoReport(string period) =>
        $"There is no report for {period} yet: the rollup publishes reports/{period}/ once a return of {period} is accepted and the rollup has run (qi rollup --storage --period {period}, or qi demo).";
}
