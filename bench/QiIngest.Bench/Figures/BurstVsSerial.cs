using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

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
            var singles = new List<Run>();
            for (var i = 0; i < 4; i++)
            {
                var name = BlobLayout.Upload(singleParts[0], (2001 + i).ToString(CultureInfo.InvariantCulture), singleParts[2]);
                var run = await UploadAndWaitAsync(storage, read, [(name, single)], log);
                log.WriteLine($"  burst_vs_serial: {(i == 0 ? "warm-up" : "single")} {name}: {run.Last:0.000} s");
                if (i > 0)
                {
                    singles.Add(run);
                }
            }

            var singleMedian = singles.Select(r => r.Last).Order().ElementAt(singles.Count / 2);
            var all = await UploadAndWaitAsync(storage, read, burst, log);
            var touched = await TouchedAsync(storage);
            log.WriteLine($"  burst_vs_serial: {burst.Count} returns at once: {all.Last:0.000} s (one alone: {singleMedian:0.000} s); CPU {all.HostCpuSeconds:0.0} s host, {all.AzuriteCpuSeconds:0.0} s Azurite; {touched} rescanned");

            var ratio = all.Last / (burst.Count * singleMedian);
            return new Figure("burst_vs_serial", ratio, AtMost: true, 0.5, new JsonObject
            {
                ["returns"] = burst.Count,
                ["burst"] = all.ToJson(),
                ["receiptSeconds"] = new JsonArray([.. all.Seconds.Select(s => (JsonNode)Math.Round(s, 3))]),
                ["pickedUpSeconds"] = new JsonArray([.. all.PickedSeconds.Select(s => (JsonNode)Math.Round(s, 3))]),
                ["firstPickUpSeconds"] = Math.Round(all.PickedSeconds.Min(), 3),
                ["lastPickUpSeconds"] = Math.Round(all.PickedSeconds.Max(), 3),
                ["singles"] = new JsonArray([.. singles.Select(r => (JsonNode)r.ToJson())]),
                ["singleMedianSeconds"] = Math.Round(singleMedian, 3),
                ["singleReturn"] = SingleBlob,
                ["rescannerTouched"] = touched,
                ["settings"] = HostSettings(host),
                ["how"] = "the golden returns (full: all 64, the 31 provinces and the national return for 2022 and 2023; quick: the first 32 in name order) uploaded at once to a local host (WebJobs blob trigger and rescanner, in-process) on fresh containers and tables; timed from before the first upload until the last receipt is listed (polled every 250 ms); baseline: the number of returns times the median of 3 single uploads of a plain province CSV under new periods, after one warm-up. CPU seconds are this process's (the host's, with the uploads and polls) and the private Azurite's; pickedUpSeconds: when the WebJobs SDK's blob receipt of each upload was first listed (the scan queued it; listed every 1 s)",
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

    /// <summary>
    /// Uploads every (blob name, local file) at once and waits for their receipts: for each, the seconds until its
    /// receipt was listed; and what the run cost: CPU seconds of this process (the host) and of a private Azurite, and the
    /// most thread pool threads and queued work items seen.
    /// </summary>
    private static async Task<Run> UploadAndWaitAsync(BenchStorage storage, ReadService read, List<(string BlobName, string Path)> uploads, TextWriter log)
    {
        using var self = Process.GetCurrentProcess();
        var azurite = AzuriteEndpoints.PrivateProcess;
        azurite?.Refresh();
        self.Refresh();
        var (selfCpu, azuriteCpu) = (self.TotalProcessorTime, azurite?.TotalProcessorTime ?? TimeSpan.Zero);
        var (threads, queued) = (ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(uploads.Select(u => storage.UploadAsync(u.BlobName, u.Path)));
        var pending = uploads.Select((u, i) => (Receipt: BlobLayout.Receipt(u.BlobName), Index: i)).ToDictionary(p => p.Receipt, p => p.Index, StringComparer.Ordinal);
        var seconds = new double[uploads.Count];
        var picked = new Dictionary<string, double>(StringComparer.Ordinal);
        var hostReceipts = storage.Storage.Blobs.GetBlobContainerClient("azure-webjobs-hosts");
        var polls = 0;
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

            // When the trigger took each upload: the WebJobs SDK's own blob receipt
            // (blobreceipts/{host id}/{function}/{etag}/{container}/{blob}) is written as it queues the blob. Listed every
            // fourth poll only, so that the measuring adds little load to the Azurite it measures.
            polls++;
            await foreach (var blob in polls % 4 == 1 || pending.Count == 0 ? hostReceipts.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "blobreceipts/", CancellationToken.None) : AsyncEnumerable.Empty<Azure.Storage.Blobs.Models.BlobItem>())
            {
                var parts = blob.Name.Split('/', 6);
                if (parts.Length == 6 && parts[4] == storage.Storage.Uploads.Name)
                {
                    picked.TryAdd(parts[5], clock.Elapsed.TotalSeconds);
                }
            }

            (threads, queued) = (Math.Max(threads, ThreadPool.ThreadCount), Math.Max(queued, ThreadPool.PendingWorkItemCount));
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"No receipt within {timeout.TotalMinutes} minutes for {string.Join(", ", pending.Keys)}.");
            }

            if (pending.Count > 0)
            {
                await Task.Delay(Poll);
            }
        }

        self.Refresh();
        azurite?.Refresh();
        return new Run(
            seconds,
            [.. uploads.Select(u => picked.TryGetValue(u.BlobName, out var at) ? at : double.NaN)],
            (self.TotalProcessorTime - selfCpu).TotalSeconds,
            azurite is null ? null : (azurite.TotalProcessorTime - azuriteCpu).TotalSeconds,
            threads,
            queued);
    }

    /// <summary>Blobs of the uploads container that the rescanner touched because the trigger's scan had missed them.</summary>
    private static async Task<int> TouchedAsync(BenchStorage storage)
    {
        var touched = 0;
        await foreach (var blob in storage.Storage.Uploads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, null, CancellationToken.None))
        {
            touched += blob.Metadata.ContainsKey("qirescan") ? 1 : 0;
        }

        return touched;
    }

    /// <summary>The settings that bound the host's parallelism, as its WebJobs SDK options and configuration hold them.</summary>
    private static JsonObject HostSettings(IHost host)
    {
        var blobs = host.Services.GetRequiredService<IOptions<BlobsOptions>>().Value;
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        return new JsonObject
        {
            ["blobs.maxDegreeOfParallelism"] = blobs.MaxDegreeOfParallelism,
            ["blobs.poisonBlobThreshold"] = blobs.PoisonBlobThreshold,
            [LocalHostSettings.RescanSeconds] = configuration[LocalHostSettings.RescanSeconds],
        };
    }

    private sealed record Run(double[] Seconds, double[] PickedSeconds, double HostCpuSeconds, double? AzuriteCpuSeconds, int MaxThreads, long MaxQueuedWorkItems)
    {
        public double Last => Seconds.Max();

        public JsonObject ToJson() => new()
        {
            ["seconds"] = Math.Round(Last, 3),
            ["hostCpuSeconds"] = Math.Round(HostCpuSeconds, 3),
            ["azuriteCpuSeconds"] = AzuriteCpuSeconds is { } a ? Math.Round(a, 3) : null,
            ["maxThreadPoolThreads"] = MaxThreads,
            ["maxQueuedWorkItems"] = MaxQueuedWorkItems,
        };
    }
}
