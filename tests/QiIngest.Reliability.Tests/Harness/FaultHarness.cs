using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using QiIngest.Testing;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>
/// One scenario's storage on Azurite (containers and tables of its own), a fault-free host that uploads and verifies,
/// and the faulty hosts the scenario starts. Remembers every upload in order, for the <see cref="InvariantChecker"/>.
/// </summary>
internal sealed class FaultHarness : IAsyncDisposable
{
    private readonly List<SimulatedHost> _hosts = [];
    private readonly List<Upload> _uploads = [];
    private readonly List<LoopbackProxy> _proxies = [];

    private FaultHarness(Dictionary<string, string?> settings, SimulatedHost clean)
    {
        Settings = settings;
        Clean = clean;
    }

    /// <summary>The isolated names and settings every host of this scenario shares.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>A host without faults: uploads, verification, and the fault-free rollup.</summary>
    public SimulatedHost Clean { get; }

    /// <summary>The uploads so far, in upload order.</summary>
    public IReadOnlyList<Upload> Uploads => _uploads;

    /// <summary>The hosts started with <see cref="StartHost"/>.</summary>
    public IReadOnlyList<SimulatedHost> Hosts => _hosts;

    public static async Task<FaultHarness> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        await Azurite.EnsureRunningAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var values = Azurite.IsolatedStorageSettings(id);
        values["QiIngest:Storage:StatusTable"] = $"St{id}";
        values["QiIngest:Storage:RetryQueue"] = $"rq-{id}";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var clean = SimulatedHost.Create(values, Azurite.ConnectionString, new FaultInjector(0));
        await clean.Storage.EnsureCreatedAsync();
        return new FaultHarness(values, clean);
    }

    /// <summary>Starts a host whose storage calls meet <paramref name="faults"/>; through <paramref name="tableProxy"/> to the table service when given.</summary>
    public SimulatedHost StartHost(FaultInjector faults, LoopbackProxy? tableProxy = null)
    {
        var connection = tableProxy is null
            ? Azurite.ConnectionString
            : Azurite.ConnectionString.Replace(":10002/", $":{tableProxy.Port}/", StringComparison.Ordinal);
        var host = SimulatedHost.Create(Settings, connection, faults);
        _hosts.Add(host);
        return host;
    }

    /// <summary>A proxy in front of Azurite's table service, stopped with the harness.</summary>
    public LoopbackProxy StartTableProxy()
    {
        var proxy = LoopbackProxy.Start(10002);
        _proxies.Add(proxy);
        return proxy;
    }

    /// <summary>Uploads <paramref name="content"/> to <paramref name="blobName"/> (overwriting), fault-free, and remembers it.</summary>
    public async Task<Upload> UploadAsync(string blobName, byte[] content)
    {
        await Clean.Storage.Uploads.GetBlobClient(blobName).UploadAsync(new BinaryData(content), new BlobUploadOptions());
        var upload = new Upload(_uploads.Count + 1, blobName, content, Convert.ToHexStringLower(SHA256.HashData(content)));
        _uploads.Add(upload);
        return upload;
    }

    /// <summary>Uploads golden returns (all of them by default), in name order.</summary>
    public async Task<IReadOnlyList<Upload>> UploadGoldenAsync(Func<string, bool>? which = null)
    {
        var uploads = new List<Upload>();
        foreach (var (blobName, path) in SharedData.GoldenFiles().Where(f => which?.Invoke(f.BlobName) ?? true))
        {
            uploads.Add(await UploadAsync(blobName, await File.ReadAllBytesAsync(path)));
        }

        return uploads;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }

        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        var storage = Clean.Storage;
        foreach (var container in new[] { storage.Uploads, storage.Receipts, storage.Reports })
        {
            await container.DeleteIfExistsAsync();
        }

        foreach (var table in new[] { storage.Submissions, storage.Observations, storage.Aggregates, storage.Status })
        {
            await table.DeleteAsync();
        }

        await storage.RetryQueue.DeleteIfExistsAsync();

        await Clean.DisposeAsync();
    }
}
