using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using QiIngest.Core.Receipts;
using QiIngest.Storage.Ingestion;
using QiIngest.Testing;

namespace QiIngest.Storage.Tests;

/// <summary>Status, staging markers, the sweep, the redrive and the upload order, on a real Azurite.</summary>
public sealed class ReliabilityTests
{
    private static readonly byte[] Beijing = Encoding.UTF8.GetBytes("indicator,value,unit\nIT_INSTITUTIONS,1934,家\nIT_INSTITUTIONS_PRIVATE,1219,家\n");
    private static readonly byte[] BeijingCorrected = Encoding.UTF8.GetBytes("indicator,value,unit\nIT_INSTITUTIONS,1940,家\nIT_INSTITUTIONS_PRIVATE,1219,家\n");

    [Fact]
    public async Task IngestAsync_Accepted_StatusIsFinalAndNoStagingMarkerRemains()
    {
        await using var harness = await StorageHarness.CreateAsync();

        var receipt = await harness.UploadAndIngestAsync("110000/2023/a.csv", Beijing);

        var status = await harness.Get<UploadStatusStore>().GetAsync("110000/2023/a.csv");
        Assert.Equal(UploadStatus.Final, status?.State);
        Assert.Equal(1, status?.Attempt);
        Assert.Equal($"final: {receipt.Outcome}", status?.Describe());
        Assert.Empty(await harness.Ingestion.Ledger.ListStagingAsync().ToListAsync());
    }

    [Fact]
    public async Task GetAsync_BlobNotYetPickedUp_IsReceived()
    {
        await using var harness = await StorageHarness.CreateAsync();
        await harness.UploadAsync("110000/2023/a.csv", Beijing);

        var status = await harness.Get<UploadStatusStore>().GetAsync("110000/2023/a.csv");

        Assert.Equal(UploadStatus.Received, status?.State);
        Assert.Equal("received, waiting to be processed", status?.Describe());
        Assert.Null(await harness.Get<UploadStatusStore>().GetAsync("110000/2023/none.csv"));
    }

    [Fact]
    public async Task IngestAsync_Crash_StatusSaysFailedWillRetryAndTheMarkerStays()
    {
        var crash = new FailingBatchPolicy();
        await using var harness = await StorageHarness.CreateAsync(policies: crash);
        await harness.UploadAsync("440000/2023/v1.csv", IngestionServiceTests.CityReturn(200, 10));

        crash.AllowedBatches = 2;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => harness.Ingestion.IngestAsync("440000/2023/v1.csv"));

        var status = await harness.Get<UploadStatusStore>().GetAsync("440000/2023/v1.csv");
        Assert.Equal(UploadStatus.Retrying, status?.State);
        Assert.Equal(1, status?.Attempt);
        Assert.Equal(harness.Clock.GetUtcNow(), status?.NextAttemptAt); // the host retries at once
        Assert.Equal("failed, will retry (attempt 1, next at 2024-03-01 02:00:00 UTC, last error SimulatedCrashException: Simulated crash between table transactions.)", status?.Describe());
        var marker = Assert.Single(await harness.Ingestion.Ledger.ListStagingAsync().ToListAsync());
        Assert.Equal("440000/2023/v1.csv", marker.BlobName);
    }

    [Fact]
    public async Task Sweep_AbandonedStaging_DeletesItsPartitionsOnlyAfterTheTimeout()
    {
        var crash = new FailingBatchPolicy();
        await using var harness = await StorageHarness.CreateAsync(policies: crash);
        await harness.UploadAsync("440000/2023/v1.csv", IngestionServiceTests.CityReturn(200, 10));
        crash.AllowedBatches = 2;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => harness.Ingestion.IngestAsync("440000/2023/v1.csv"));
        crash.AllowedBatches = null;
        await harness.Storage.Uploads.DeleteBlobAsync("440000/2023/v1.csv"); // nothing left to re-ingest: only the garbage

        var early = await harness.Get<ReconciliationService>().RunAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(61));
        var late = await harness.Get<ReconciliationService>().RunAsync();
        var again = await harness.Get<ReconciliationService>().RunAsync();

        Assert.Equal(new SweepRun(0, 0, 0, 0, 0, 0), early);
        Assert.Equal(new SweepRun(0, 0, 0, 2, 200, 1), late);
        Assert.Equal(new SweepRun(0, 0, 0, 0, 0, 0), again);
        Assert.Empty(await harness.Storage.Observations.QueryAsync<TableEntity>(select: ["RowKey"]).ToListAsync());
        Assert.Empty(await harness.Ingestion.Ledger.ListStagingAsync().ToListAsync());
    }

    [Fact]
    public async Task Sweep_UploadsWhoseEventNeverCame_AreIngestedBoundedPerRunAndOnce()
    {
        await using var harness = await StorageHarness.CreateAsync(new Dictionary<string, string?> { ["QiIngest:Storage:SweepBatch"] = "2" });
        foreach (var name in new[] { "110000/2023/a.csv", "120000/2023/b.csv", "130000/2023/c.csv" })
        {
            await harness.UploadAsync(name, Beijing);
        }

        harness.Clock.SetUtcNow((await harness.Storage.Uploads.GetBlobClient("130000/2023/c.csv").GetPropertiesAsync()).Value.LastModified);
        var tooSoon = await harness.Get<ReconciliationService>().RunAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(16));
        var first = await harness.Get<ReconciliationService>().RunAsync();
        var second = await harness.Get<ReconciliationService>().RunAsync();
        var third = await harness.Get<ReconciliationService>().RunAsync();

        Assert.Equal(new SweepRun(0, 0, 0, 0, 0, 0), tooSoon);
        Assert.Equal(new SweepRun(2, 0, 1, 0, 0, 0), first);
        Assert.Equal(new SweepRun(1, 0, 0, 0, 0, 0), second);
        Assert.Equal(new SweepRun(0, 0, 0, 0, 0, 0), third);
        foreach (var name in new[] { "110000/2023/a.csv", "120000/2023/b.csv", "130000/2023/c.csv" })
        {
            Assert.True((await harness.Storage.Receipts.GetBlobClient(name + ".json").ExistsAsync()).Value, name);
        }
    }

    [Fact]
    public async Task Redrive_PoisonMessage_RecordsTheAttemptAndTheRetryIngestsIt()
    {
        await using var harness = await StorageHarness.CreateAsync(new Dictionary<string, string?> { ["QiIngest:Storage:RetryBaseDelay"] = "00:00:00.001", ["QiIngest:Storage:RetryMaxDelay"] = "00:00:01" });
        await harness.UploadAsync("110000/2023/a.csv", Beijing);
        var redrive = harness.Get<RedriveService>();
        var poison = JsonSerializer.Serialize(new { Type = "BlobTrigger", FunctionId = "Host.Functions.IngestUpload", BlobType = "BlockBlob", ContainerName = harness.Storage.Uploads.Name, BlobName = "110000/2023/a.csv", ETag = "\"0x1\"" });

        Assert.True(await redrive.HandlePoisonAsync(poison));
        var waiting = await harness.Get<UploadStatusStore>().GetAsync("110000/2023/a.csv");
        var message = Assert.Single((await harness.Storage.RetryQueue.ReceiveMessagesAsync(32)).Value);
        await redrive.RetryAsync(message.Body.ToString());

        Assert.Equal(UploadStatus.Retrying, waiting?.State);
        Assert.Equal(5, waiting?.Attempt);
        Assert.Equal("failed, will retry (attempt 5, next at 2024-03-01 02:00:00 UTC, last error moved to the poison queue after the blob trigger's own retries)", waiting?.Describe());
        Assert.Equal("{\"BlobName\":\"110000/2023/a.csv\",\"Attempt\":5}", message.Body.ToString());
        var done = await harness.Get<UploadStatusStore>().GetAsync("110000/2023/a.csv");
        Assert.Equal(UploadStatus.Final, done?.State);
        Assert.True((await harness.Storage.Receipts.GetBlobClient("110000/2023/a.csv.json").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Redrive_RetryThatFailsAgain_QueuesTheNextWithTheNextAttempt()
    {
        var crash = new FailingBatchPolicy();
        await using var harness = await StorageHarness.CreateAsync(new Dictionary<string, string?> { ["QiIngest:Storage:RetryBaseDelay"] = "00:00:00.001"}, crash);
        await harness.UploadAsync("110000/2023/a.csv", Beijing);
        crash.AllowedBatches = 0;

        await harness.Get<RedriveService>().RetryAsync("{\"BlobName\":\"110000/2023/a.csv\",\"Attempt\":7}");

        var message = Assert.Single((await harness.Storage.RetryQueue.ReceiveMessagesAsync(32)).Value);
        Assert.Equal("{\"BlobName\":\"110000/2023/a.csv\",\"Attempt\":8}", message.Body.ToString());
        Assert.Equal(UploadStatus.Retrying, (await harness.Get<UploadStatusStore>().GetAsync("110000/2023/a.csv"))?.State);
    }

    [Fact]
    public async Task Redrive_PoisonMessageOfAContainerThatIsGone_IsDropped()
    {
        await using var harness = await StorageHarness.CreateAsync();

        var queued = await harness.Get<RedriveService>().HandlePoisonAsync("{\"ContainerName\":\"gone-container\",\"BlobName\":\"110000/2023/a.csv\"}");

        Assert.False(queued);
        Assert.Empty((await harness.Storage.RetryQueue.ReceiveMessagesAsync(32)).Value);
    }

    [Fact]
    public void Delay_DoublesFromTheBaseAfterTheHostTriesUpToTheMaximum()
    {
        var options = new StorageOptions();

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(32), TimeSpan.FromHours(1), TimeSpan.FromHours(1)],
            new[] { 1, 4, 5, 6, 11, 12, 200 }.Select(a => RetrySchedule.Delay(a, options)));
    }

    [Fact]
    public async Task IngestAsync_OlderUploadCommittingLast_BecomesAVersionButNotTheCurrentOne()
    {
        await using var harness = await StorageHarness.CreateAsync();
        await harness.UploadAsync("110000/2023/a.csv", Beijing);
        await Task.Delay(1100); // Last-Modified has whole seconds
        await harness.UploadAsync("110000/2023/b.csv", BeijingCorrected);

        var b = await harness.Ingestion.IngestAsync("110000/2023/b.csv");
        var a = await harness.Ingestion.IngestAsync("110000/2023/a.csv");

        Assert.Equal((1, (int?)null, (int?)null), (b!.Version!.Value, b.Supersedes, b.SupersededBy));
        Assert.Equal((2, (int?)null, (int?)1), (a!.Version!.Value, a.Supersedes, a.SupersededBy));
        Assert.Empty(a.Changes);
        var current = await harness.Ingestion.Ledger.GetCurrentAsync("110000", "2023");
        Assert.Equal(("b.csv", 1), (current?.File, current?.Version));
        Assert.Equal("a.csv", (await harness.Ingestion.Ledger.GetVersionAsync("110000", "2023", 2))?.File);

        await Task.Delay(1100);
        var c = await harness.UploadAndIngestAsync("110000/2023/c.csv", Beijing.Concat(Encoding.UTF8.GetBytes("\n")).ToArray());
        Assert.Equal((3, (int?)1, (int?)null), (c.Version!.Value, c.Supersedes, c.SupersededBy));
    }

    [Fact]
    public async Task IngestAsync_SameNameOverwrittenMidDownload_LedgerHasTheBytesReadAndTheNameGetsTheNewerReceipt()
    {
        var afterDownload = new AfterDownloadPolicy();
        await using var harness = await StorageHarness.CreateAsync(policies: afterDownload);
        await harness.UploadAsync("110000/2023/a.csv", Beijing);
        var other = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(harness.Storage.Uploads.Name).GetBlobClient("110000/2023/a.csv");
        afterDownload.BlobPath = "/110000/2023/a.csv";
        afterDownload.Action = async () =>
        {
            await Task.Delay(1100);
            await other.UploadAsync(new BinaryData(BeijingCorrected), overwrite: true);
        };

        var first = await harness.Ingestion.IngestAsync("110000/2023/a.csv");
        var atNameAfterFirst = await harness.Storage.Receipts.GetBlobClient("110000/2023/a.csv.json").ExistsAsync();
        var second = await harness.Ingestion.IngestAsync("110000/2023/a.csv");

        Assert.Equal(Sha(Beijing), first?.Sha256);
        Assert.False(atNameAfterFirst.Value);
        Assert.Equal((Sha(BeijingCorrected), 2), (second?.Sha256, second?.Version));
        var atName = ReceiptJson.Deserialize((await harness.Storage.Receipts.GetBlobClient("110000/2023/a.csv.json").DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(Sha(BeijingCorrected), atName.Sha256);
        Assert.Equal(Sha(BeijingCorrected), (await harness.Ingestion.Ledger.GetCurrentAsync("110000", "2023"))?.Sha256);
        Assert.Equal(Sha(Beijing), (await harness.Ingestion.Ledger.GetVersionAsync("110000", "2023", 1))?.Sha256);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
