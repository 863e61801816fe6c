using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using QiIngest.Cli.Storage;
using QiIngest.LocalHost;
using QiIngest.Storage;
using QiIngest.Testing;

namespace QiIngest.Cli.Tests;

/// <summary>
/// Azurite with containers and tables of this test class's own, and a local host processing them, so that <c>qi upload</c>,
/// <c>qi status</c> and <c>qi report</c> run against the real pipeline. <see cref="Settings"/> are what <c>qi</c> reads
/// from the environment: <c>QiStorage</c> and <c>QiIngest__Storage__*</c>.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private IHost? _host;
    private CliStorage? _client;

    public Dictionary<string, string?> Settings { get; } = [];

    internal QiStorage Storage => _client!.Storage;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        foreach (var (key, value) in Names(Guid.NewGuid().ToString("N")[..10]))
        {
            Settings[key] = value;
        }

        _client = CliStorage.Connect(Azurite.ConnectionString, null, new ConfigurationBuilder().AddInMemoryCollection(Settings).Build());
        await _client.Storage.EnsureCreatedAsync();
        var hostSettings = new Dictionary<string, string?>(Settings)
        {
            [LocalHostSettings.HostStorage] = Azurite.ConnectionString,
            [LocalHostSettings.HostId] = $"qi-cli-{Settings["QiIngest:Storage:UploadsContainer"]![3..]}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:QiIngest"] = "Warning",
            ["Logging:LogLevel:Function"] = "Warning",
        };
        _host = LocalHostBuilder.Create(new ConfigurationBuilder().AddInMemoryCollection(hostSettings).Build());
        await _host.StartAsync();
    }

    /// <summary>Settings for containers and tables that no host watches: uploads there never get a receipt.</summary>
    public static Dictionary<string, string?> Unwatched() => Names(Guid.NewGuid().ToString("N")[..10]);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        if (_client is not null)
        {
            foreach (var container in new[] { Storage.Uploads, Storage.Receipts, Storage.Reports })
            {
                await container.DeleteIfExistsAsync();
            }

            foreach (var table in new[] { Storage.Submissions, Storage.Observations, Storage.Aggregates })
            {
                await table.DeleteAsync();
            }

            await _client.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Names(string id) => Azurite.IsolatedStorageSettings(id);
}
