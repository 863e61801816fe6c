using QiIngest.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>A large return rejected near its end: its staged rows are deleted, and that cleanup meets lost answers.</summary>
public sealed class RejectedCleanupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LargeRejectedReturns_LostAnswerOnTheFirstDeleteOfEveryAttemptAnd503s_RejectedReceiptAndNothingLeft()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var faults = new FaultInjector(9).WithRates(unavailable: 0.10, lostAnswers: 0.03);
        var host = harness.StartHost(faults);
        var deliveries = new List<Delivery>();
        for (var variant = 0; variant < 3; variant++)
        {
            var upload = await harness.UploadAsync($"440000/2023/rejected-{variant}.csv", Returns.LargeRejectedReturn(1_000, variant));
            var faultedAttempt = 0;
            faults.Script = r =>
            {
                if (!r.IsTransaction || r.InnerMethod != "DELETE" || faultedAttempt == host.Attempts)
                {
                    return FaultKind.None;
                }

                faultedAttempt = host.Attempts;
                return FaultKind.LostAnswer;
            };
            var delivery = await host.DeliverAsync(upload.BlobName);
            deliveries.Add(delivery);
            Assert.True(delivery.Receipt?.Errors[0].Type == "reporter-mismatch", $"{upload.BlobName}: {(delivery.LastError is { } e ? "poisoned: " + InvariantChecker.Describe(e) : delivery.Receipt?.Errors[0].Type)}");
        }

        var figures = await InvariantChecker.CheckAsync(harness, deliveries, output, "rejected large returns, lost answers on their cleanup");

        Assert.Equal((3, 0, 0), (figures.Rejected, figures.Poisoned, figures.RowsOrphaned));
    }
}
