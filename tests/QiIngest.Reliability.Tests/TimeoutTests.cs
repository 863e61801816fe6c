using Microsoft.Extensions.DependencyInjection;
using QiIngest.Reliability.Tests.Harness;
using QiIngest.Storage.Ingestion;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>The host's <c>functionTimeout</c> cancels an ingestion in the middle of its staging transactions.</summary>
public sealed class TimeoutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LargeReturn_TimeoutMidStagingOnTheFirstAttempt_TheRetryCommitsItWhole()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var faults = new FaultInjector(7);
        var host = harness.StartHost(faults);
        await harness.UploadAsync("440000/2023/v1.csv", Returns.LargeCityReturn(1_000, 0));
        var deliveries = new List<Delivery> { await host.DeliverAsync("440000/2023/v1.csv") };
        var upload = await harness.UploadAsync("440000/2023/v2.csv", Returns.LargeCityReturn(1_000, 1));

        // The first attempt's clock runs out at the 8th staging transaction; the retry has time enough.
        using var timeout = new CancellationTokenSource();
        var staged = 0;
        faults.Script = r =>
        {
            if (r.Label == "$batch Observations" && ++staged == 8)
            {
                timeout.Cancel();
            }

            return FaultKind.None;
        };
        var delivery = await host.DeliverAsync(upload.BlobName, attemptToken: attempt => attempt == 1 ? timeout.Token : CancellationToken.None);
        deliveries.Add(delivery);

        var figures = await InvariantChecker.CheckAsync(harness, deliveries, output, "timeout mid-staging, then a retry");

        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(2, delivery.Receipt?.Version);
        Assert.Equal((2, 0), (figures.Accepted, figures.RowsOrphaned));
    }

    [Fact]
    public async Task LargeReturn_TimeoutMidStagingOnEveryTry_PoisonedThenSweptAndReconciled()
    {
        // Thresholds of a second, so that the reconciliation run below treats the dead tries as old and their retry as due.
        await using var harness = await FaultHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["QiIngest:Storage:StagingTimeout"] = "00:00:01",
            ["QiIngest:Storage:SweepGrace"] = "00:00:01",
            ["QiIngest:Storage:RetryBaseDelay"] = "00:00:00.100",
            ["QiIngest:Storage:RetryMaxDelay"] = "00:00:01",
        });
        var faults = new FaultInjector(8);
        var host = harness.StartHost(faults);
        var upload = await harness.UploadAsync("440000/2023/huge.csv", Returns.LargeCityReturn(1_000, 0));

        // Every try's clock runs out at its 8th staging transaction, as a functionTimeout shorter than the return needs.
        var timeouts = new List<CancellationTokenSource>();
        var staged = 0;
        faults.Script = r =>
        {
            if (r.Label == "$batch Observations" && ++staged % 20 == 8)
            {
                timeouts[^1].Cancel();
            }

            return FaultKind.None;
        };
        var delivery = await host.DeliverAsync(upload.BlobName, attemptToken: _ =>
        {
            timeouts.Add(new CancellationTokenSource());
            return timeouts[^1].Token;
        });
        Assert.True(delivery.Poisoned, "The timed-out upload was not poisoned.");
        faults.Script = null;

        // The reconciliation timer: it sweeps the staged partitions whose marker is older than StagingTimeout and
        // ingests the upload that has no final receipt.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var sweep = await host.Services.GetRequiredService<ReconciliationService>().RunAsync();
        output.WriteLine($"reconciliation: {sweep}");
        await InvariantChecker.CheckAsync(harness, [delivery], output, "timeout mid-staging on every try, then the sweep and the re-drive");
        timeouts.ForEach(t => t.Dispose());
    }
}
