using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QiIngest.Cli.Storage;
using QiIngest.Storage;

namespace QiIngest.Cli.Tests;

public sealed class CliStorageTests
{
    [Fact]
    public async Task Connect_ClientOptions_OverrideOnlyTheRetriesOfTheHostsNamedClients()
    {
        await using var storage = CliStorage.Connect(StorageConnection.Development, null);
        var hostDefaults = new BlobClientOptions();

        foreach (var options in new Azure.Core.ClientOptions[]
        {
            storage.Services.GetRequiredService<IOptionsMonitor<BlobClientOptions>>().Get(StorageOptions.ConnectionName),
            storage.Services.GetRequiredService<IOptionsMonitor<TableClientOptions>>().Get(StorageOptions.ConnectionName),
            storage.Services.GetRequiredService<IOptionsMonitor<QueueClientOptions>>().Get(StorageOptions.ConnectionName),
        })
        {
            Assert.Equal(2, options.Retry.MaxRetries);
            Assert.Equal(Azure.Core.RetryMode.Fixed, options.Retry.Mode);
            Assert.Equal(TimeSpan.FromMilliseconds(300), options.Retry.Delay);
            Assert.Equal(hostDefaults.Diagnostics.IsDistributedTracingEnabled, options.Diagnostics.IsDistributedTracingEnabled);
        }

        Assert.Equal("devstoreaccount1", storage.Storage.Blobs.AccountName);
    }

    [Fact]
    public void Connect_InvalidSettings_FailsWithEveryProblemAsAUsageError()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QiIngest:Limits:MaxJsonDepth"] = "2",
            ["QiIngest:Storage:ObservationPartitions"] = "0",
        }).Build();

        var e = Assert.Throws<CliException>(() => CliStorage.Connect(StorageConnection.Development, null, settings));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Equal("The settings QiIngest__* are not usable: MaxJsonDepth must be at least 3 (a return is nested 3 deep), not 2. QiIngest:Storage:ObservationPartitions must be 1 to 9999, not 0.", e.Message);
    }
}
