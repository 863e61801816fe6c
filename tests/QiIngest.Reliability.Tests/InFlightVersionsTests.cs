using QiIngest.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>Two versions of one (reporter, period) ingested at once: the last uploaded must be current, whatever commits last.</summary>
public sealed class InFlightVersionsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LargeThenSmallUnderDifferentNames_IngestedAtOnce_TheLastUploadedIsCurrent()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var hosts = new[] { harness.StartHost(new FaultInjector(71)), harness.StartHost(new FaultInjector(72)) };
        var a = await harness.UploadAsync("440000/2023/a-large.csv", Returns.LargeCityReturn(1_000, 0));
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the case: B a second later, so that even a creation time in seconds orders them
        var b = await harness.UploadAsync("440000/2023/b-small.csv", Returns.LargeCityReturn(20, 5));

        var deliveries = await Task.WhenAll(hosts[0].DeliverAsync(a.BlobName), hosts[1].DeliverAsync(b.BlobName));

        await InvariantChecker.CheckAsync(harness, deliveries, output, "two versions in flight, two names", new InvariantChecker.CheckOptions { VersionsInUploadOrder = false });
    }

    [Fact]
    public async Task SameNameOverwrittenAfterTheDownloadStarted_TheBlobsContentIsCurrentAndInItsReceipt()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var slow = new FaultInjector(81);
        var downloaded = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        slow.Hold = async r =>
        {
            // A's host has downloaded the blob and goes on only once B has overwritten it and been ingested.
            if (r.Role == StorageRole.Submissions && !release.Task.IsCompleted)
            {
                downloaded.TrySetResult();
                await release.Task;
            }
        };
        var hostA = harness.StartHost(slow);
        var hostB = harness.StartHost(new FaultInjector(82));
        await harness.UploadAsync("440000/2023/return.csv", Returns.LargeCityReturn(1_000, 0));
        var first = hostA.DeliverAsync("440000/2023/return.csv");
        await downloaded.Task;
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await harness.UploadAsync("440000/2023/return.csv", Returns.LargeCityReturn(20, 5));
        var second = await hostB.DeliverAsync("440000/2023/return.csv");
        release.SetResult();

        await InvariantChecker.CheckAsync(harness, [await first, second], output, "two versions in flight, one name", new InvariantChecker.CheckOptions { VersionsInUploadOrder = false });
    }
}
