using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Rollup;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>
/// One Functions host: the services of <c>AddQiIngestStorage</c> on storage clients whose pipeline carries a
/// <see cref="FaultPolicy"/>, and the host's handling of a blob event: the ingestion runs up to
/// <see cref="HostAttempts"/> times back to back, then the event is poisoned. The SDK's own retries (3) are kept, with
/// millisecond delays so that the suite is quick; what they absorb does not depend on the delay.
/// </summary>
internal sealed class SimulatedHost : IAsyncDisposable
{
    /// <summary>The Functions host's tries of a blob trigger (the blob extension's <c>maxDequeueCount</c>, 5).</summary>
    public const int HostAttempts = 5;

    private readonly ServiceProvider _services;
    private int _attempts;
    private int _poisoned;

    private SimulatedHost(ServiceProvider services, FaultInjector faults)
    {
        _services = services;
        Faults = faults;
    }

    /// <summary>The faults this host's storage calls meet.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Ingestion attempts run by this host.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Deliveries that ended in the poison queue.</summary>
    public int Poisoned => Volatile.Read(ref _poisoned);

    public IngestionService Ingestion => _services.GetRequiredService<IngestionService>();

    public RollupService Rollup => _services.GetRequiredService<RollupService>();

    public QiStorage Storage => _services.GetRequiredService<QiStorage>();

    public IServiceProvider Services => _services;

    /// <summary>Builds a host on <paramref name="settings"/> (the isolated names), reaching storage through <paramref name="connectionString"/>.</summary>
    public static SimulatedHost Create(IReadOnlyDictionary<string, string?> settings, string connectionString, FaultInjector faults)
    {
        var values = new Dictionary<string, string?>(settings) { ["QiStorage"] = connectionString };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var roles = Roles(values);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);

        // Registered before AddQiIngestStorage, which adds its clients only where none is registered.
        services.AddSingleton(_ => new BlobServiceClient(connectionString, WithFaults(new BlobClientOptions(), faults, roles)));
        services.AddSingleton(_ => new TableServiceClient(connectionString, WithFaults(new TableClientOptions(), faults, roles)));
        services.AddSingleton(_ => new QueueServiceClient(connectionString, WithFaults(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, faults, roles)));
        services.AddQiIngestStorage(configuration);
        return new SimulatedHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), faults);
    }

    /// <summary>
    /// Delivers the blob event of <paramref name="blobName"/> as the Functions host does: the ingestion is run, and
    /// rerun at once when it throws, up to <paramref name="attempts"/> times; after the last failure the message is poisoned.
    /// </summary>
    /// <param name="blobName">The upload.</param>
    /// <param name="attempts">The host's tries.</param>
    /// <param name="attemptToken">Makes the token of each attempt (its <c>functionTimeout</c>); none by default.</param>
    public async Task<Delivery> DeliverAsync(string blobName, int attempts = HostAttempts, Func<int, CancellationToken>? attemptToken = null)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            Interlocked.Increment(ref _attempts);
            try
            {
                var receipt = await Ingestion.IngestAsync(blobName, attemptToken?.Invoke(attempt) ?? CancellationToken.None);
                return new Delivery(blobName, attempt, receipt, null);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                last = e;
            }
        }

        Interlocked.Increment(ref _poisoned);
        return new Delivery(blobName, attempts, null, last);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>Container, table and queue names → their role, so that the fault policy can tell requests apart.</summary>
    private static Dictionary<string, StorageRole> Roles(Dictionary<string, string?> values)
    {
        var options = new StorageOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(StorageOptions.Section).Bind(options);
        return new Dictionary<string, StorageRole>(StringComparer.Ordinal)
        {
            [options.UploadsContainer] = StorageRole.Uploads,
            [options.ReceiptsContainer] = StorageRole.Receipts,
            [options.ReportsContainer] = StorageRole.Reports,
            [options.SubmissionsTable] = StorageRole.Submissions,
            [options.ObservationsTable] = StorageRole.Observations,
            [options.AggregatesTable] = StorageRole.Aggregates,
            [options.StatusTable] = StorageRole.Status,
            [options.RetryQueue] = StorageRole.RetryQueue,
            [StorageOptions.PoisonQueue] = StorageRole.PoisonQueue,
        };
    }

    private static T WithFaults<T>(T options, FaultInjector faults, IReadOnlyDictionary<string, StorageRole> roles)
        where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.AddPolicy(new FaultPolicy(faults, roles), HttpPipelinePosition.PerRetry);
        return options;
    }
}
