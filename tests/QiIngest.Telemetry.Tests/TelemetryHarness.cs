using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Rollup;
using QiIngest.Storage.Telemetry;
using QiIngest.Testing;

namespace QiIngest.Telemetry.Tests;

/// <summary>
/// The storage services on Azurite (containers and tables of their own) with the telemetry the hosts add, exported to
/// memory instead of Application Insights or OTLP.
/// </summary>
internal sealed class TelemetryHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<Activity> _spans;
    private readonly List<MetricSnapshot> _metrics;

    private TelemetryHarness(ServiceProvider services, List<Activity> spans, List<MetricSnapshot> metrics)
    {
        _services = services;
        _spans = spans;
        _metrics = metrics;
    }

    public QiStorage Storage => _services.GetRequiredService<QiStorage>();

    public IUploadIngestor Ingestion => _services.GetRequiredService<IUploadIngestor>();

    public INationalRollup Rollup => _services.GetRequiredService<INationalRollup>();

    public static async Task<TelemetryHarness> CreateAsync()
    {
        await Azurite.EnsureRunningAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Azurite.IsolatedStorageSettings(Guid.NewGuid().ToString("N")[..10])).Build();
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var services = new ServiceCollection();
        services.AddLogging();

        // A clock that does not move: every duration is exactly zero.
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2024, 3, 1, 2, 0, 0, TimeSpan.Zero)));
        services.AddQiIngestStorage(configuration);
        services.AddQiIngestTelemetry(configuration, "qiingest-tests", otel => otel
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddInMemoryExporter(metrics)));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // No host starts them here.
        provider.GetRequiredService<TracerProvider>();
        provider.GetRequiredService<MeterProvider>();
        var harness = new TelemetryHarness(provider, spans, metrics);
        await provider.GetRequiredService<QiStorage>().EnsureCreatedAsync();
        harness.Clear();
        return harness;
    }

    /// <summary>Forgets what was exported so far.</summary>
    public void Clear()
    {
        _services.GetRequiredService<TracerProvider>().ForceFlush();
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    /// <summary>Every span ended so far.</summary>
    public IReadOnlyList<Activity> Spans()
    {
        _services.GetRequiredService<TracerProvider>().ForceFlush();
        lock (_spans)
        {
            return [.. _spans];
        }
    }

    /// <summary>The pipeline's metrics now (cumulative since the harness started), by instrument name.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> Metrics()
    {
        _metrics.Clear();
        _services.GetRequiredService<MeterProvider>().ForceFlush();
        return _metrics.Where(m => m.MeterName == QiTelemetry.Name).ToDictionary(m => m.Name);
    }

    public async Task<byte[]> UploadAsync(string blobName, string sharedFile)
    {
        var bytes = await File.ReadAllBytesAsync(sharedFile);
        await Storage.Uploads.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), overwrite: true);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        var storage = Storage;
        foreach (var container in new[] { storage.Uploads, storage.Receipts, storage.Reports })
        {
            await container.DeleteIfExistsAsync();
        }

        foreach (var table in new[] { storage.Submissions, storage.Observations, storage.Aggregates })
        {
            await table.DeleteAsync();
        }

        await _services.DisposeAsync();
    }
}
