using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QiIngest.Storage;
using QiIngest.Storage.Telemetry;

namespace QiIngest.LocalHost;

/// <summary>
/// Builds the local host: the WebJobs SDK with the Storage blob and queue extensions and timers, on Azurite by default,
/// running <see cref="IngestUpload"/> and <see cref="NationalRollup"/>. The services come from the same
/// <c>AddQiIngestStorage</c> the Functions app calls; only the trigger
/// declarations differ.
/// </summary>
public static class LocalHostBuilder
{
    /// <summary>Builds the host; start it with <c>StartAsync</c> or <c>RunAsync</c>.</summary>
    /// <param name="overrides">Settings over <see cref="LocalHostSettings.Defaults"/> and the environment variables.</param>
    /// <param name="configureServices">
    /// Runs before <c>AddQiIngestStorage</c>, which adds its services only where none is registered: a registration
    /// made here (an <c>IUploadIngestor</c> decorator, a <c>TimeProvider</c>) wins.
    /// </param>
    /// <param name="policies">Extra pipeline policies for the services' storage clients (fault injection); the WebJobs SDK's own trigger clients do not get them.</param>
    public static IHost Create(IConfiguration? overrides = null, Action<IServiceCollection>? configureServices = null, IEnumerable<Azure.Core.Pipeline.HttpPipelinePolicy>? policies = null) =>
        CreateBuilder(overrides, configureServices, policies).Build();

    /// <inheritdoc cref="Create"/>
    public static IHostBuilder CreateBuilder(IConfiguration? overrides = null, Action<IServiceCollection>? configureServices = null, IEnumerable<Azure.Core.Pipeline.HttpPipelinePolicy>? policies = null)
    {
        var builder = new HostBuilder();
        builder.ConfigureAppConfiguration(config =>
        {
            config.AddInMemoryCollection(LocalHostSettings.Defaults);
            config.AddInMemoryCollection(LoggingDefaults);
            config.AddEnvironmentVariables();
            if (overrides is not null)
            {
                config.AddConfiguration(overrides);
            }
        });
        builder.ConfigureLogging((context, logging) =>
        {
            logging.AddConfiguration(context.Configuration.GetSection("Logging"));
            logging.AddConsole();
        });
        builder.ConfigureWebJobs((context, webJobs) =>
        {
            webJobs.UseHostId(context.Configuration[LocalHostSettings.HostId] ?? LocalHostSettings.DefaultHostId);
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddAzureStorageBlobs();
            webJobs.AddAzureStorageQueues();
            webJobs.AddTimers();
        });
        builder.ConfigureServices((context, services) =>
        {
            configureServices?.Invoke(services);
            services.AddQiIngestStorage(context.Configuration, policies);
            services.AddQiIngestTelemetry(context.Configuration, ServiceName);
            services.AddSingleton<ITypeLocator, FunctionTypeLocator>();
            services.AddHostedService<DevelopmentStorageRescanner>();
            services.AddSingleton<StoppingExceptionHandler>();
            services.AddSingleton<IWebJobsExceptionHandlerFactory>(sp => sp.GetRequiredService<StoppingExceptionHandler>());
        });
        LocalApi.AddTo(builder, overrides);
        return builder;
    }

    /// <summary>The <c>service.name</c> of the local host's telemetry (the Functions app's comes from its resource detector).</summary>
    public const string ServiceName = "qiingest-localhost";

    /// <summary>
    /// Quiet by default: the pipeline's own logs and function runs at Information, the WebJobs SDK at Warning, and the
    /// Azure SDK at Error (its Warning is every 404, such as the queue listeners' polls of queues not created yet).
    /// </summary>
    private static readonly Dictionary<string, string?> LoggingDefaults = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Azure"] = "Error",
        ["Logging:LogLevel:QiIngest"] = "Information",
        ["Logging:LogLevel:Function"] = "Information",
    };
}
