using QiIngest.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>
/// The host dies at every stage boundary of a large return's ingestion (download, ledger reads, first, middle and last
/// staging transaction, commit, receipts), before the request and after storage applied it; the next delivery recovers.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Cities = 1_000;

    [Fact]
    public async Task LargeReturn_HostDiesAtEveryStageBoundary_PreviousOrNewVersionCurrentThenRecovered()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var faults = new FaultInjector(seed: 3);
        var host = harness.StartHost(faults);

        // A fault-free ingestion, recorded, tells the stage boundaries (the first one also provisions the storage).
        var deliveries = new List<Delivery> { await host.DeliverAsync((await harness.UploadAsync("440000/2023/v1.csv", Returns.LargeCityReturn(Cities, 0))).BlobName) };
        faults.Recording = [];
        deliveries.Add(await host.DeliverAsync((await harness.UploadAsync("440000/2023/v2.csv", Returns.LargeCityReturn(Cities, 1))).BlobName));
        var boundaries = Boundaries(faults.Recording);
        faults.Recording = null;
        output.WriteLine($"stage boundaries: {string.Join(", ", boundaries.Select(b => $"{b.Label} #{b.Occurrence}"))}");

        var variant = 2;
        foreach (var (label, occurrence) in boundaries)
        {
            foreach (var kind in new[] { FaultKind.CrashBefore, FaultKind.CrashAfter })
            {
                variant++;
                var before = await harness.Clean.Ingestion.Ledger.GetCurrentAsync("440000", "2023");
                var upload = await harness.UploadAsync($"440000/2023/v{variant}.csv", Returns.LargeCityReturn(Cities, variant));
                var seen = 0;
                faults.Script = r => r.Label == label && ++seen == occurrence ? kind : FaultKind.None;
                var crashed = await host.DeliverAsync(upload.BlobName, attempts: 1);
                Assert.True(crashed.Crashed, $"{label} #{occurrence} {kind}: {crashed.LastError?.GetType().Name ?? "no crash"}");

                // Dead at that point: the previous version or the new one is current, whole; a receipt, if any, is the new file's.
                var current = await harness.Clean.Ingestion.Ledger.GetCurrentAsync("440000", "2023");
                Assert.True(current?.Sha256 == before?.Sha256 || current?.Sha256 == upload.Sha256, $"{label} #{occurrence} {kind}: current is {current?.File}.");
                var receipt = harness.Clean.Storage.Receipts.GetBlobClient(upload.BlobName + ".json");
                if (await receipt.ExistsAsync())
                {
                    Assert.Contains(upload.Sha256, (await receipt.DownloadContentAsync()).Value.Content.ToString(), StringComparison.Ordinal);
                }

                // The host restarts and the event is delivered again.
                faults.Script = null;
                faults.Restart();
                var recovered = await host.DeliverAsync(upload.BlobName);
                Assert.Equal(variant, recovered.Receipt?.Version);
                deliveries.Add(crashed);
                deliveries.Add(recovered);
            }
        }

        var figures = await InvariantChecker.CheckAsync(harness, deliveries, output, "crash at every stage boundary");

        Assert.Equal(boundaries.Count * 2, figures.Crashes);
        Assert.Equal(variant, figures.Accepted);
    }

    /// <summary>The first and last request of each kind, and the middle staging transaction.</summary>
    private static List<(string Label, int Occurrence)> Boundaries(List<StorageRequest> recording)
    {
        var boundaries = new List<(string, int)>();
        foreach (var group in recording.GroupBy(r => r.Label))
        {
            var count = group.Count();
            boundaries.AddRange(new[] { 1, (count + 1) / 2, count }.Distinct().Where(n => n == 1 || n == count || group.Key.StartsWith("$batch", StringComparison.Ordinal)).Select(n => (group.Key, n)));
        }

        return boundaries;
    }
}
