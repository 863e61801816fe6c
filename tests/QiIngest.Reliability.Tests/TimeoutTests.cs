using QiIngest.Reliability.Tests.Harness;
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

    [Fact(Skip = "needs the staging marker, the sweep and the re-drive from h-rel (issue 10, items 1 and 2); when they land, run the sweep and the re-drive where marked. Fails today: after 5 timed-out tries the upload is poisoned with no receipt and its 1,900 staged rows stay for good")]
    public async Task LargeReturn_TimeoutMidStagingOnEveryTry_PoisonedThenSweptAndReDriven()
    {
        await using var harness = await FaultHarness.CreateAsync();
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

        // Here the sweep (staged partitions whose marker is older than its threshold) and the re-drive of the poison queue run.
        await InvariantChecker.CheckAsync(harness, [delivery], output, "timeout mid-staging on every try, then the sweep and the re-drive");
        timeouts.ForEach(t => t.Dispose());
    }
}
