using System.Text.Json;
using Microsoft.Extensions.Configuration;
using QiIngest.LocalHost;
using QiIngest.Reliability.Tests.Harness;
using QiIngest.Storage;
using QiIngest.Testing;
using Xunit.Abstractions;

namespace QiIngest.Reliability.Tests;

/// <summary>The table service goes away, through a loopback proxy in front of it: shorter than the host's tries, and longer.</summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TableServiceKilledMidStaging_BackBeforeTheHostsThirdTry_CommittedWhole()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var proxy = harness.StartTableProxy();
        var faults = new FaultInjector(21);
        var host = harness.StartHost(faults, proxy);
        var deliveries = new List<Delivery> { await host.DeliverAsync((await harness.UploadAsync("440000/2023/v1.csv", Returns.LargeCityReturn(1_000, 0))).BlobName) };
        var upload = await harness.UploadAsync("440000/2023/v2.csv", Returns.LargeCityReturn(1_000, 1));

        // The table service dies at the 5th staging transaction and comes back as the host starts its third try.
        var staged = 0;
        faults.Script = r =>
        {
            if (r.Label == "$batch Observations" && ++staged == 5)
            {
                proxy.GoDown();
            }

            return FaultKind.None;
        };
        var delivery = await host.DeliverAsync(upload.BlobName, attemptToken: attempt =>
        {
            if (attempt == 3)
            {
                proxy.ComeUp();
            }

            return CancellationToken.None;
        });
        deliveries.Add(delivery);
        output.WriteLine($"outage: {proxy.Reset} connections reset, {delivery.Attempts} attempts");

        var figures = await InvariantChecker.CheckAsync(harness, deliveries, output, "table service killed mid-staging, back within the host's tries");

        Assert.Equal((3, 2), (delivery.Attempts, delivery.Receipt?.Version));
        Assert.Equal((2, 0), (figures.Accepted, figures.RowsOrphaned));
    }

    [Fact]
    public async Task TableOutageLongerThanTheHostsTries_LocalHost_TheReDriveGivesEveryUploadItsReceipt()
    {
        await using var harness = await FaultHarness.CreateAsync();
        var proxy = harness.StartTableProxy();
        var settings = new Dictionary<string, string?>(harness.Settings)
        {
            [StorageOptions.ConnectionName] = Azurite.ConnectionString.Replace(":10002/", $":{proxy.Port}/", StringComparison.Ordinal),
            [LocalHostSettings.HostStorage] = Azurite.ConnectionString,
            [LocalHostSettings.HostId] = $"qi-rel-{Guid.NewGuid():N}"[..24],
            ["Logging:LogLevel:Default"] = "Warning",
            ["QiIngest:Storage:RetryBaseDelay"] = "00:00:02",
        };
        proxy.GoDown();
        using var host = LocalHostBuilder.Create(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await host.StartAsync();
        try
        {
            var uploads = await harness.UploadGoldenAsync(n => n.StartsWith("110000/", StringComparison.Ordinal));

            // The real WebJobs blob trigger tries 5 times, back to back, then poisons each upload.
            await WaitAsync(TimeSpan.FromMinutes(3), async () => (await PoisonedAsync(harness)).IsSupersetOf(uploads.Select(u => u.BlobName)));
            output.WriteLine($"poisoned during the outage: {string.Join(", ", uploads.Select(u => u.BlobName))}");
            proxy.ComeUp();

            // Storage is healthy again: within a bounded time every upload has its final receipt.
            await WaitAsync(TimeSpan.FromMinutes(3), async () =>
            {
                foreach (var upload in uploads)
                {
                    if (!(await harness.Clean.Storage.Receipts.GetBlobClient(upload.BlobName + ".json").ExistsAsync()).Value)
                    {
                        return false;
                    }
                }

                return true;
            });
            await InvariantChecker.CheckAsync(harness, [], output, "table outage longer than the host's tries, then the re-drive");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The blob names of this harness's uploads in the poison queue.</summary>
    private static async Task<HashSet<string>> PoisonedAsync(FaultHarness harness)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var poison = harness.Clean.Storage.PoisonQueue;
        if (!(await poison.ExistsAsync()).Value)
        {
            return names;
        }

        foreach (var message in (await poison.PeekMessagesAsync(32)).Value)
        {
            using var json = JsonDocument.Parse(message.Body.ToString());
            if (json.RootElement.GetProperty("ContainerName").GetString() == harness.Clean.Storage.Uploads.Name)
            {
                names.Add(json.RootElement.GetProperty("BlobName").GetString()!);
            }
        }

        return names;
    }

    private static async Task WaitAsync(TimeSpan limit, Func<Task<bool>> done)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (!await done())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token);
        }
    }
}
