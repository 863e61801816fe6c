using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using QiIngest.Bench.Reporting;
using QiIngest.Bench.Storage;
using QiIngest.Core;
using QiIngest.LocalHost;
using QiIngest.Storage;
using QiIngest.Storage.Reading;
using QiIngest.Testing;

namespace QiIngest.Bench.Figures;

/// <summary>
/// <c>burst_vs_serial</c> (issue 13, "parallelism must pay"): the golden returns uploaded at once through the local host
/// (the WebJobs SDK's blob trigger and the rescanner, in-process, on Azurite), timed from the first upload until every
/// receipt is written, against as many times one return uploaded alone through the same host.
/// </summary>
internal static class BurstVsSerial
{
    /// <summary>How often the receipts container is listed while receipts are awaited.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The return timed alone: a plain province CSV (the smallest kind of golden return, so the serial baseline is not
    /// flattered by a large one), uploaded under periods no golden return uses, so that each upload is a new version.
    /// </summary>
    private const string SingleBlob = "420000/2023/420000.csv";

    public static async Task<Figure> RunAsync(BenchMode mode, TextWriter log)
    {
        var golden = SharedData.GoldenFiles().ToList();
        var burst = golden.Take(mode.BurstReturns).ToList();
        var single = golden.Single(g => g.BlobName == SingleBlob).Path;
        var singleParts = SingleBlob.Split('/');

        await using var storage = await BenchStorage.CreateAsync();
        var hostId = $"qi-bench-{storage.Id}";
        var settings = Azurite.IsolatedStorageSettings(storage.Id, AzuriteEndpoints.ConnectionString);
        settings[LocalHostSettings.HostStorage] = AzuriteEndpoints.ConnectionString;
        settings[LocalHostSettings.HostId] = hostId;
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:QiIngest"] = "Warning";
        settings["Logging:LogLevel:Function"] = "Warning";
        var read = new ReadService(storage.Storage);
        using var host = LocalHostBuilder.Create(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await host.StartAsync();
        try
        {
            // Warm-up, then three single returns one after another, each a new (reporter, period).
            var singles = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                var name = BlobLayout.Upload(singleParts[0], (2001 + i).ToString(CultureInfo.InvariantCulture), singleParts[2]);
                var seconds = (await UploadAndWaitAsync(storage, read, [(name, single)], log)).Max();
                log.WriteLine($"  burst_vs_serial: {(i == 0 ? "warm-up" : "single")} {name}: {seconds:0.000} s");
                if (i > 0)
                {
                    singles.Add(seconds);
                }
            }

            var singleMedian = singles.Order().ElementAt(singles.Count / 2);
            var clock = Stopwatch.StartNew();
            var each = await UploadAndWaitAsync(storage, read, burst, log);
            var burstSeconds = each.Max();
            log.WriteLine($"  burst_vs_serial: {burst.Count} returns at once: {burstSeconds:0.000} s (one alone: {singleMedian:0.000} s)");

            var ratio = burstSeconds / (burst.Count * singleMedian);
            return new Figure("burst_vs_serial", ratio, AtMost: true, 0.5, new JsonObject
            {
                ["returns"] = burst.Count,
                ["burstSeconds"] = Math.Round(burstSeconds, 3),
                ["receiptSeconds"] = new JsonArray([.. each.Select(s => (JsonNode)Math.Round(s, 3))]),
                ["singleSeconds"] = new JsonArray([.. singles.Select(s => (JsonNode)Math.Round(s, 3))]),
                ["singleMedianSeconds"] = Math.Round(singleMedian, 3),
                ["singleReturn"] = SingleBlob,
                ["settings"] = HostSettings(host),
                ["how"] = "the golden returns (31 provinces and the national return, 2022 and 2023) uploaded at once to a local host (WebJobs blob trigger and rescanner, in-process) on fresh containers and tables; timed from before the first upload until the last receipt is listed (polled every 100 ms); baseline: the number of returns times the median of 3 single uploads of a plain province CSV under new periods, after one warm-up",
            });
        }
        finally
        {
            await host.StopAsync();
            await storage.Storage.Status.DeleteAsync();
            await storage.Storage.RetryQueue.DeleteIfExistsAsync();
            await storage.Storage.Queues.GetQueueClient($"azure-webjobs-blobtrigger-{hostId}").DeleteIfExistsAsync();
        }
    }

    /// <summary>Uploads every (blob name, local file) at once and returns, for each, the seconds until its receipt was listed.</summary>
    private static async Task<double[]> UploadAndWaitAsync(BenchStorage storage, ReadService read, List<(string BlobName, string Path)> uploads, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(uploads.Select(u => storage.UploadAsync(u.BlobName, u.Path)));
        var pending = uploads.Select((u, i) => (Receipt: BlobLayout.Receipt(u.BlobName), Index: i)).ToDictionary(p => p.Receipt, p => p.Index, StringComparer.Ordinal);
        var seconds = new double[uploads.Count];
        var timeout = TimeSpan.FromMinutes(10);
        while (pending.Count > 0)
        {
            await foreach (var blob in storage.Storage.Receipts.GetBlobsAsync())
            {
                if (pending.Remove(blob.Name, out var index))
                {
                    seconds[index] = clock.Elapsed.TotalSeconds;
                    var receipt = await read.ReadReceiptAsync(blob.Name);
                    if (receipt is null || receipt.Outcome == Outcome.Rejected)
                    {
                        log.WriteLine($"  burst_vs_serial: {blob.Name} was rejected: {string.Join("; ", receipt?.Errors.Select(e => e.Message) ?? [])}");
                    }
                }
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"No receipt within {timeout.TotalMinutes} minutes for {string.Join(", ", pending.Keys)}.");
            }

            if (pending.Count > 0)
            {
                await Task.Delay(Poll);
            }
        }

        return seconds;
    }

    /// <summary>The host's settings that bound its parallelism, as it read them.</summary>
    private static JsonObject HostSettings(IHost host)
    {
        var configuration = (IConfiguration)host.Services.GetService(typeof(IConfiguration))!;
        return new JsonObject
        {
            [LocalHostSettings.MaxDegreeOfParallelism] = configuration[LocalHostSettings.MaxDegreeOfParallelism],
            ["LocalHost:RescanSeconds"] = configuration["LocalHost:RescanSeconds"] ?? "5",
        };
    }
}
