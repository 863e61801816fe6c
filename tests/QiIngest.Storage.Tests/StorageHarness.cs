using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QiIngest.Testing;

namespace QiIngest.Storage.Tests;

/// <summary>
/// The real storage services on Azurite, with containers and tables of their own (unique names per harness), built
/// through the same <c>AddQiIngestStorage</c> the hosts use.
/// </summary>
public sealed class StorageHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StorageHarness(ServiceProvider services, FakeTimeProvider clock)
    {
        _services = services;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public QiStorage Storage => _services.GetRequiredService<QiStorage>();

    public Ingestion.IngestionService Ingestion => _services.GetRequiredService<Ingestion.IngestionService>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<StorageHarness> CreateAsync(IDictionary<string, string?>? settings = null, params HttpPipelinePolicy[] policies)
    {
        await Azurite.EnsureRunningAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var values = IsolatedSettings(id);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 1, 2, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(clock);
        services.AddQiIngestStorage(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var connection = provider.GetRequiredService<StorageConnection>();
        foreach (var policy in policies)
        {
            connection.Policies.Add(policy);
        }

        var result = new StorageHarness(provider, clock);
        await result.Storage.EnsureCreatedAsync();
        return result;
    }

    /// <summary>The test library's isolated names, and those of the status table and the retry queue.</summary>
    public static Dictionary<string, string?> IsolatedSettings(string id)
    {
        var values = Azurite.IsolatedStorageSettings(id);
        values["QiIngest:Storage:StatusTable"] = $"Sts{id}";
        values["QiIngest:Storage:RetryQueue"] = $"rq-{id}";
        return values;
    }

    /// <summary>Uploads a file into the uploads container under <paramref name="blobName"/>.</summary>
    public async Task UploadAsync(string blobName, byte[] content) =>
        await Storage.Uploads.GetBlobClient(blobName).UploadAsync(new BinaryData(content), overwrite: true);

    /// <summary>Uploads and ingests, as the blob trigger would.</summary>
    public async Task<Core.Receipts.Receipt> UploadAndIngestAsync(string blobName, byte[] content)
    {
        await UploadAsync(blobName, content);
        return await Ingestion.IngestAsync(blobName) ?? throw new InvalidOperationException($"{blobName} vanished.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in new[] { Storage.Uploads, Storage.Receipts, Storage.Reports })
        {
            await container.DeleteIfExistsAsync();
        }

        foreach (var table in new[] { Storage.Submissions, Storage.Observations, Storage.Aggregates, Storage.Status })
        {
            await table.DeleteAsync();
        }

        await Storage.RetryQueue.DeleteIfExistsAsync();

        await _services.DisposeAsync();
    }
}
