using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Rollup;
using QiIngest.Testing;

namespace QiIngest.Bench.Storage;

/// <summary>
/// The real storage services on Azurite, built through <c>AddQiIngestStorage</c> as the hosts build them, with
/// containers and tables of their own (as <c>tests/QiIngest.Storage.Tests/StorageHarness.cs</c> does) and a
/// <see cref="RequestCounter"/> in every client's pipeline.
/// </summary>
internal sealed class BenchStorage : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _owner;

    private BenchStorage(ServiceProvider services, string id, bool owner)
    {
        _services = services;
        Id = id;
        _owner = owner;
    }

    /// <summary>The suffix of this instance's container and table names; a child process passes it to <see cref="AttachAsync"/>.</summary>
    public string Id { get; }

    public RequestCounter Requests { get; } = new();

    /// <summary>Set when the observations table's transactions are answered in-process (see <see cref="StubbedObservationBatches"/>).</summary>
    public StubbedObservationBatches? Stub { get; private set; }

    public QiStorage Storage => _services.GetRequiredService<QiStorage>();

    public IngestionService Ingestion => _services.GetRequiredService<IngestionService>();

    public RollupService Rollup => _services.GetRequiredService<RollupService>();

    /// <summary>New containers and tables; they are deleted on dispose.</summary>
    public static async Task<BenchStorage> CreateAsync(int? maxDataRows = null, bool stubObservations = false)
    {
        var result = Build(Guid.NewGuid().ToString("N")[..10], maxDataRows, owner: true, stubObservations);
        await result.Storage.EnsureCreatedAsync();
        return result;
    }

    /// <summary>The containers and tables another <see cref="BenchStorage"/> made (in the parent process); left in place on dispose.</summary>
    public static Task<BenchStorage> AttachAsync(string id, int? maxDataRows = null, bool stubObservations = false) => Task.FromResult(Build(id, maxDataRows, owner: false, stubObservations));

    /// <summary>Uploads a local file as the blob <paramref name="blobName"/> of the uploads container.</summary>
    public async Task UploadAsync(string blobName, string path)
    {
        await using var file = File.OpenRead(path);
        await Storage.Uploads.GetBlobClient(blobName).UploadAsync(file, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owner)
        {
            foreach (var container in new[] { Storage.Uploads, Storage.Receipts, Storage.Reports })
            {
                await container.DeleteIfExistsAsync();
            }

            foreach (var table in new[] { Storage.Submissions, Storage.Observations, Storage.Aggregates })
            {
                await table.DeleteAsync();
            }
        }

        await _services.DisposeAsync();
    }

    private static BenchStorage Build(string id, int? maxDataRows, bool owner, bool stubObservations)
    {
        var values = Azurite.IsolatedStorageSettings(id, AzuriteEndpoints.ConnectionString);
        if (maxDataRows is { } rows)
        {
            values["QiIngest:Limits:MaxDataRows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQiIngestStorage(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var result = new BenchStorage(provider, id, owner);

        // Before any client exists: StorageConnection applies its policies to the clients it creates afterwards.
        var connection = provider.GetRequiredService<StorageConnection>();
        connection.Policies.Add(result.Requests);
        if (stubObservations)
        {
            result.Stub = new StubbedObservationBatches($"Obs{id}");
            connection.Policies.Add(result.Stub);
        }

        return result;
    }
}
