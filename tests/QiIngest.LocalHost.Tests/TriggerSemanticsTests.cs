using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Tables;

namespace QiIngest.LocalHost.Tests;

/// <summary>What the WebJobs blob trigger guarantees, as in Azure: once per upload between hosts, and poison after the configured tries.</summary>
public sealed class TriggerSemanticsTests
{
    [Fact]
    public async Task TwoHostsWithOneHostId_IngestEveryUploadExactlyOnceBetweenThem()
    {
        await using var harness = await LocalHostHarness.CreateAsync();
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        void Counting(IServiceCollection services) =>
            services.AddSingleton<IUploadIngestor>(sp => new CountingIngestor(calls, sp.GetRequiredService<IngestionService>()));
        await harness.StartHostAsync(Counting);
        await harness.StartHostAsync(Counting);

        var golden = LocalHostHarness.Golden("2023").ToList();
        var uploads = await Task.WhenAll(golden.Select(g => harness.UploadAsync(g.Path, g.Reporter, g.Period)));
        var receipts = await Task.WhenAll(uploads.Select(harness.ReceiptAsync));
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a duplicate to show up, if the trigger made one

        Assert.Equal(32, receipts.Length);
        Assert.Equal(uploads.Select(u => u.BlobName).Order(StringComparer.Ordinal), calls.Keys.Order(StringComparer.Ordinal));
        Assert.All(calls, c => Assert.True(c.Value == 1, $"{c.Key} was ingested {c.Value} times."));
        var ledger = new SubmissionLedger(harness.Storage.Submissions, TimeProvider.System);
        foreach (var (_, reporter, period) in golden)
        {
            Assert.Equal(1, (await ledger.GetCurrentAsync(reporter, period))?.Version);
            Assert.Null(await ledger.GetVersionAsync(reporter, period, 2));
        }
    }

    [Fact]
    public async Task IngestorThatAlwaysFails_AfterPoisonBlobThresholdTries_IsTakenFromThePoisonQueueAndQueuedForARetry()
    {
        // Other test hosts on this Azurite share the poison queue and hand this host's message back after a few seconds:
        // poll it often, so that the wait is not the SDK's minute of back-off.
        await using var harness = await LocalHostHarness.CreateAsync(new Dictionary<string, string?>
        {
            [LocalHostSettings.PoisonBlobThreshold] = "2",
            [LocalHostSettings.QueueMaxPollingInterval] = "00:00:02",
        });
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await harness.StartHostAsync(services => services.AddSingleton<IUploadIngestor>(new CountingIngestor(calls, inner: null)));

        var golden = LocalHostHarness.Golden("2023").First();
        var upload = await harness.UploadAsync(golden.Path, golden.Reporter, golden.Period);

        // The blob trigger poisons after 2 tries; the redrive takes the message, records the attempt and queues a retry in 30 s.
        var status = await EndToEndTests.WaitForAsync(async () =>
            await harness.Status.GetAsync(upload.BlobName) is { State: UploadStatus.Retrying } s ? s : null);

        Assert.Equal(2, calls[upload.BlobName]);
        Assert.Equal(RetrySchedule.HostTries, status.Attempt);
        Assert.Equal("moved to the poison queue after the blob trigger's own retries", status.LastError);
        Assert.False((await harness.Storage.Receipts.GetBlobClient(upload.BlobName + ".json").ExistsAsync()).Value);
        Assert.Equal(0, (await harness.Storage.PoisonQueue.PeekMessagesAsync(32)).Value.Count(m => Decode(m.Body.ToString()).Contains(upload.BlobName, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UploadInTheSameSecondAsTheLastOneScanned_IsPickedUpOnlyWithTheRescanner(bool rescan)
    {
        await using var harness = await LocalHostHarness.CreateAsync(new Dictionary<string, string?> { [DevelopmentStorageRescanner.IntervalSetting] = rescan ? "1" : "0" });
        await harness.StartHostAsync();

        // The SDK's scan of development storage keeps the newest Last-Modified it listed (whole seconds) and then takes
        // only newer blobs: a blob written in the same second, after that scan, is skipped. Make that happen.
        var hostReceipts = harness.Storage.Blobs.GetBlobContainerClient("azure-webjobs-hosts");
        string? missed = null;
        for (var attempt = 0; attempt < 40 && missed is null; attempt++)
        {
            // The scan runs every 2 s; vary where in that cycle and in the second the first upload falls.
            await Task.Delay(TimeSpan.FromMilliseconds((attempt * 737) % 2000));
            var first = await harness.Storage.Uploads.GetBlobClient($"first-{attempt}.csv").UploadAsync(BinaryData.FromString("x"));
            var scanned = $"blobreceipts/{harness.HostId}/";
            var suffix = $"/{first.Value.ETag}/{harness.Storage.Uploads.Name}/first-{attempt}.csv";
            for (var polls = 0; polls < 200; polls++)
            {
                var found = false;
                await foreach (var hostReceipt in hostReceipts.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, scanned, default))
                {
                    found |= hostReceipt.Name.EndsWith(suffix, StringComparison.Ordinal);
                }

                if (found)
                {
                    break;
                }

                await Task.Delay(20);
            }

            var second = await harness.Storage.Uploads.GetBlobClient($"second-{attempt}.csv").UploadAsync(BinaryData.FromString("y"));
            if (second.Value.LastModified == first.Value.LastModified)
            {
                missed = $"second-{attempt}.csv";
            }
        }

        Assert.NotNull(missed);
        var receipt = harness.Storage.Receipts.GetBlobClient(missed + ".json");
        if (rescan)
        {
            await EndToEndTests.WaitForAsync(async () => (await receipt.ExistsAsync()).Value ? "" : null, seconds: 30);
        }
        else
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            Assert.False((await receipt.ExistsAsync()).Value, "The SDK's scan picked up a same-second upload after all: the rescanner may no longer be needed.");
        }
    }

    /// <summary>The WebJobs SDK writes queue messages base64-encoded.</summary>
    private static string Decode(string body)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(body));
        }
        catch (FormatException)
        {
            return body;
        }
    }
}
