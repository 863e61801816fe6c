using QiIngest.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>Two hosts ingesting the same events at once, two rollups at once, and two versions of one return in flight.</summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoHostsAtOnce_BothGetEveryEventUnder503sAndLostAnswers_OneVersionEach()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var hosts = new[] { harness.StartHost(new FaultInjector(41).WithRates(0.10, 0.03)), harness.StartHost(new FaultInjector(42).WithRates(0.10, 0.03)) };
        var uploads = (await harness.UploadGoldenAsync()).ToList();
        uploads.Add(await harness.UploadAsync("440000/2024/large.csv", Returns.LargeCityReturn(1_000, 0)));

        // Event Grid delivers at least once: each host gets every event, and both run it at the same time.
        using var slots = new SemaphoreSlim(8);
        var deliveries = (await Task.WhenAll(uploads.SelectMany(u => hosts.Select(async h =>
        {
            await slots.WaitAsync();
            try
            {
                return await h.DeliverAsync(u.BlobName);
            }
            finally
            {
                slots.Release();
            }
        })))).ToList();

        var figures = await InvariantChecker.CheckAsync(harness, deliveries, output, "two hosts at once");

        Assert.Equal((65, 0), (figures.Accepted, figures.Poisoned));
        Assert.All(deliveries, d => Assert.True(d.Receipt?.Version == 1, $"{d.BlobName}: version {d.Receipt?.Version}"));
    }

    [Fact]
    public async Task TwoRollupsAtOnce_SameInputsUnderFaults_FiguresAndReportsOfTheInputs()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var deliveries = new List<Delivery>();
        foreach (var upload in await harness.UploadGoldenAsync())
        {
            deliveries.Add(await harness.Clean.DeliverAsync(upload.BlobName));
        }

        var hosts = new[] { harness.StartHost(new FaultInjector(51).WithRates(0.10, 0.03)), harness.StartHost(new FaultInjector(52).WithRates(0.10, 0.03)) };
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(hosts.Select(h => RunRollupAsync(h, output)));
        }

        var figures = await InvariantChecker.CheckAsync(harness, deliveries, output, "two rollups at once");

        Assert.Equal(64, figures.Accepted);
        await ReplayTests.AssertGoldenNationalFiguresAsync(harness);
    }

    [Fact]
    public async Task TwoRollupsAtOnce_TheLoserWritesItsBlobsLast_ALaterRunRepairsTheReports()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var deliveries = new List<Delivery>();
        foreach (var upload in await harness.UploadGoldenAsync(n => n.Contains("/2023/", StringComparison.Ordinal)))
        {
            deliveries.Add(await harness.Clean.DeliverAsync(upload.BlobName));
        }

        // Run A reads the inputs, then is held before its first report blob.
        var slow = new FaultInjector(61);
        var held = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        slow.Hold = async r =>
        {
            if (r.Role == StorageRole.Reports && !release.Task.IsCompleted)
            {
                held.TrySetResult();
                await release.Task;
            }
        };
        var a = harness.StartHost(slow).Rollup.RunAsync();
        await held.Task;

        // Meanwhile a corrected return is committed and run B publishes it whole.
        var corrected = await harness.UploadAsync("110000/2023/corrected.csv", "indicator,value,unit\nIT_INSTITUTIONS,1940,家\nIT_INSTITUTIONS_PRIVATE,1219,家\n"u8.ToArray());
        deliveries.Add(await harness.Clean.DeliverAsync(corrected.BlobName));
        await harness.StartHost(new FaultInjector(62)).Rollup.RunAsync();

        // A goes on: its blobs of the old inputs land over B's, and its commit loses the race.
        release.SetResult();
        await a;

        // The checker's rollup run must see the stale blobs and repair them.
        await InvariantChecker.CheckAsync(harness, deliveries, output, "two rollups at once, the loser last");
    }

    private static async Task RunRollupAsync(SimulatedHost host, ITestOutputHelper output)
    {
        // A failed run is the next timer run's work, as under the host.
        for (var run = 0; run < SimulatedHost.HostAttempts; run++)
        {
            try
            {
                await host.Rollup.RunAsync();
                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or IOException or TaskCanceledException)
            {
                output.WriteLine($"rollup run failed: {InvariantChecker.Describe(e)}");
            }
        }
    }
}
