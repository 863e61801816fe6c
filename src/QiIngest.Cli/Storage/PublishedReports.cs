using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Storage;
using QiIngest.Storage.Reading;

namespace QiIngest.Cli.Storage;

/// <summary>Reads what the rollup published under <c>reports/{period}/</c>.</summary>
internal sealed class PublishedReports(ReadService reader)
{
    /// <summary>The bytes of <c>reports/{period}/national.json</c>, or null when the period has no report yet.</summary>
    public Task<byte[]?> ReadNationalJsonAsync(string period, CancellationToken cancellationToken = default) =>
        reader.GetPublishedFileAsync(period, BlobLayout.NationalJsonFile, cancellationToken);

    /// <summary>The national rollup of <paramref name="period"/>, or null when it has no report yet.</summary>
    public async Task<NationalRollup?> ReadNationalAsync(string period, CancellationToken cancellationToken = default) =>
        await ReadNationalJsonAsync(period, cancellationToken) is { } json ? NationalJson.Read(json) : null;

    /// <summary>Where the dashboard of <paramref name="period"/> is.</summary>
    public Uri DashboardUri(string period) => reader.PublishedFileUri(period, BlobLayout.DashboardFile);

    /// <summary>Downloads the dashboard of <paramref name="period"/> to <paramref name="localPath"/>; false when there is none.</summary>
    public async Task<bool> DownloadDashboardAsync(string period, string localPath, CancellationToken cancellationToken = default)
    {
        if (await reader.GetPublishedFileAsync(period, BlobLayout.DashboardFile, cancellationToken) is not { } page)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(localPath)!);
        await File.WriteAllBytesAsync(localPath, page, cancellationToken);
        return true;
    }

    /// <summary>
    /// Downloads every report of <paramref name="period"/> (national.json, national.csv, national.sdmx.csv, index.html and
    /// whatever else the rollup publishes there) to <c>{folder}/{period}/</c>; returns the local paths, in name order.
    /// </summary>
    public async Task<IReadOnlyList<string>> DownloadAllAsync(string period, string folder, CancellationToken cancellationToken = default)
    {
        var saved = new List<string>();
        foreach (var file in await reader.ListPublishedFilesAsync(period, cancellationToken))
        {
            if (await reader.GetPublishedFileAsync(period, file, cancellationToken) is not { } bytes)
            {
                continue;
            }

            var local = Path.Combine(folder, period, file.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(local)!);
            await File.WriteAllBytesAsync(local, bytes, cancellationToken);
            saved.Add(local);
        }

        return saved;
    }

    /// <summary>The message for a period without a report (in English; commands take theirs from <see cref="CliContext.Text"/>).</summary>
    public static string NoReport(string period) => Texts.CliTexts.English.NoReport(period);
}
