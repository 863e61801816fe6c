using Microsoft.Extensions.DependencyInjection;
using QiIngest.Core;
using QiIngest.Core.Receipts;
using QiIngest.Storage.Ingestion;

namespace QiIngest.LocalHost.Tests;

/// <summary>An outage longer than the blob trigger's own retries ends in a final receipt through the poison redrive.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task OutageLongerThanTheHostRetries_IsRedrivenFromThePoisonQueueToAFinalReceipt()
    {
        await using var harness = await LocalHostHarness.CreateAsync(new Dictionary<string, string?>
        {
            [LocalHostSettings.PoisonBlobThreshold] = "2",
            ["QiIngest:Storage:RetryBaseDelay"] = "00:00:01",
            ["AzureWebJobs:Extensions:Queues:MaxPollingInterval"] = "00:00:02",
        });
        var outage = new Outage(failures: 3);
        await harness.StartHostAsync(services => services.AddSingleton<IUploadIngestor>(sp => new OutageIngestor(outage, sp.GetRequiredService<IngestionService>())));

        var golden = LocalHostHarness.Golden("2023").First();
        var upload = await harness.UploadAsync(golden.Path, golden.Reporter, golden.Period);
        var receipt = await harness.ReceiptAsync(upload);
        var status = await EndToEndTests.WaitForAsync(async () => await harness.Status.GetAsync(upload.BlobName) is { State: UploadStatus.Final } s ? s : null);

        // 2 tries by the blob trigger, then the poison redrive: one retry that still fails, one that succeeds.
        Assert.Equal(4, outage.Calls);
        Assert.NotEqual(Outcome.Rejected, receipt.Outcome);
        Assert.Equal(1, receipt.Version);
        Assert.Equal(receipt.Outcome, status.Outcome);
    }

    private sealed class Outage(int failures)
    {
        private int _calls;

        public int Calls => _calls;

        public bool Fails() => Interlocked.Increment(ref _calls) <= failures;
    }

    private sealed class OutageIngestor(Outage outage, IUploadIngestor inner) : IUploadIngestor
    {
        public async Task<Receipt?> IngestAsync(string blobName, CancellationToken cancellationToken = default) =>
            outage.Fails()
                ? throw new Azure.RequestFailedException(503, $"Table service unavailable (a test outage) while ingesting {blobName}.")
                : await inner.IngestAsync(blobName, cancellationToken);
    }
}
