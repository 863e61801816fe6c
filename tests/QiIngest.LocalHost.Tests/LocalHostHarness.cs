using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QiIngest.Cli.Storage;
using QiIngest.Core;
using QiIngest.Core.Catalog;
using QiIngest.Core.Receipts;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;
using QiIngest.Testing;

namespace QiIngest.LocalHost.Tests;

/// <summary>
/// Local hosts on Azurite with containers, tables and a host id of their own, started in-process through
/// <see cref="LocalHostBuilder"/>, and the CLI's storage client and uploader on the same names.
/// </summary>
internal sealed class LocalHostHarness : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly CliStorage _client;

    private LocalHostHarness(Dictionary<string, string?> settings, CliStorage client)
    {
        _settings = settings;
        _client = client;
        Uploader = new ReturnUploader(client.Storage, TimeProvider.System);
    }

    /// <summary>The storage the hosts use, seen from outside.</summary>
    public QiStorage Storage => _client.Storage;

    /// <summary>The status of the uploads, as <c>qi status</c> would read it.</summary>
    public UploadStatusStore Status => _client.Services.GetRequiredService<UploadStatusStore>();

    /// <summary>The CLI's uploader.</summary>
    public ReturnUploader Uploader { get; }

    /// <summary>The WebJobs host id every host of this harness shares.</summary>
    public string HostId => _settings[LocalHostSettings.HostId]!;

    public static async Task<LocalHostHarness> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        await Azurite.EnsureRunningAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var values = Azurite.IsolatedStorageSettings(id);
        values["QiIngest:Storage:StatusTable"] = $"Sts{id}";
        values["QiIngest:Storage:RetryQueue"] = $"rq-{id}";
        values[LocalHostSettings.HostStorage] = Azurite.ConnectionString;
        values[LocalHostSettings.HostId] = $"qi-test-{id}";
        values["Logging:LogLevel:Default"] = "Warning";
        values["Logging:LogLevel:QiIngest"] = "Warning";
        values["Logging:LogLevel:Function"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var client = CliStorage.Connect(Azurite.ConnectionString, null, new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        await client.Storage.EnsureCreatedAsync();
        return new LocalHostHarness(values, client);
    }

    /// <summary>Builds and starts one more local host; <paramref name="configureServices"/> runs before <c>AddQiIngestStorage</c>.</summary>
    public async Task<IHost> StartHostAsync(Action<IServiceCollection>? configureServices = null)
    {
        var host = LocalHostBuilder.Create(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build(), configureServices);
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>Uploads the file at <paramref name="localPath"/> as a reporter would, to <c>{reporter}/{period}/{file}</c>.</summary>
    public Task<UploadedReturn> UploadAsync(string localPath, string reporter, string period) =>
        Uploader.UploadAsync(localPath, UploadPath.Parse(reporter, period, Path.GetFileName(localPath), ReporterRegistry.Default).Path!);

    /// <summary>Waits for the receipt of <paramref name="upload"/>; fails the test when none comes within a minute.</summary>
    public async Task<Receipt> ReceiptAsync(UploadedReturn upload) =>
        await Uploader.WaitForReceiptAsync(upload, TimeSpan.FromSeconds(90)) ?? throw new TimeoutException($"No receipt for {upload.BlobName}.");

    /// <summary>The golden uploads of one period: (local path, reporter, period).</summary>
    public static IEnumerable<(string Path, string Reporter, string Period)> Golden(string? period = null) =>
        SharedData.GoldenFiles()
            .Select(g => (g.Path, Parts: g.BlobName.Split('/')))
            .Where(g => period is null || g.Parts[1] == period)
            .Select(g => (g.Path, g.Parts[0], g.Parts[1]));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        foreach (var container in new[] { Storage.Uploads, Storage.Receipts, Storage.Reports })
        {
            await container.DeleteIfExistsAsync();
        }

        foreach (var table in new[] { Storage.Submissions, Storage.Observations, Storage.Aggregates, Storage.Status })
        {
            await table.DeleteAsync();
        }

        await Storage.RetryQueue.DeleteIfExistsAsync();

        await Storage.Queues.GetQueueClient($"azure-webjobs-blobtrigger-{HostId}").DeleteIfExistsAsync();
        await _client.DisposeAsync();
    }
}
