using QiIngest.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>10% of every storage call answered 503 and 3% applied but never answered, on ingestion and rollup alike.</summary>
public sealed class TransientFaultTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    public async Task GoldenAndLargeReturns_503sAndLostAnswersOnEveryCall_NothingLostNothingDoubled(int seed)
    {
        await using var harness = await FaultHarness.CreateAsync();
        var faults = new FaultInjector(seed).WithRates(unavailable: 0.10, lostAnswers: 0.03);
        var host = harness.StartHost(faults);
        var uploads = (await harness.UploadGoldenAsync()).ToList();
        for (var variant = 0; variant < 3; variant++)
        {
            uploads.Add(await harness.UploadAsync($"440000/2024/large-v{variant + 1}.csv", Returns.LargeCityReturn(1_000, variant)));
        }

        var deliveries = new List<Delivery>();
        foreach (var upload in uploads)
        {
            deliveries.Add(await host.DeliverAsync(upload.BlobName));
        }

        // The timer's rollup meets the same faults; a failed run is simply the next run's work.
        for (var run = 0; run < SimulatedHost.HostAttempts; run++)
        {
            try
            {
                await host.Rollup.RunAsync();
                break;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or IOException or TaskCanceledException)
            {
                output.WriteLine($"rollup run {run + 1} failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
        }

        var figures = await InvariantChecker.CheckAsync(harness, deliveries, output, $"10% 503 + 3% lost answers, seed {seed}");

        Assert.Equal(67, figures.Accepted);
        Assert.Equal(0, figures.Poisoned);
        Assert.True(faults.Unavailable > 0 && faults.LostAnswers > 0, "No fault was injected.");
        Assert.Equal(3, deliveries.Single(d => d.BlobName.EndsWith("large-v3.csv", StringComparison.Ordinal)).Receipt?.Version);
    }
}
