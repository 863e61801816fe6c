using Azure.Core.Extensions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QiIngest.Core;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Reading;
using QiIngest.Storage.Rollup;

namespace QiIngest.Storage;

/// <summary>Registers the storage adapter: the SDK clients of the data account and the services on top of them.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the core and the storage services. The data account is the connection <c>QiStorage</c>: a connection string
    /// (<c>UseDevelopmentStorage=true</c> for Azurite), or a section with <c>blobServiceUri</c>, <c>tableServiceUri</c>,
    /// <c>queueServiceUri</c> and, for a user-assigned managed identity, <c>credential=managedidentity</c> and <c>clientId</c>.
    /// The three clients are the Azure SDK's named clients <c>QiStorage</c> (<see cref="IAzureClientFactory{TClient}"/>):
    /// a host changes their options through <c>AddAzureClients</c>. The options are validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The settings.</param>
    /// <param name="policies">Extra pipeline policies for every storage client (fault injection, a transaction counter).</param>
    public static IServiceCollection AddQiIngestStorage(this IServiceCollection services, IConfiguration configuration, IEnumerable<Azure.Core.Pipeline.HttpPipelinePolicy>? policies = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddQiIngestCore(limits => limits.Configure(l => configuration.GetSection(IngestLimits.Section).Bind(l)));
        services.AddOptions<StorageOptions>().Configure(o => configuration.GetSection(StorageOptions.Section).Bind(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>());
        var connection = StorageConnection.From(configuration, StorageOptions.ConnectionName);
        foreach (var policy in policies ?? [])
        {
            connection.Policies.Add(policy);
        }

        services.TryAddSingleton(connection);

        // Before AddAzureClients, whose own registration of each client type resolves the unnamed client.
        services.TryAddSingleton(sp => sp.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(StorageOptions.ConnectionName));
        services.TryAddSingleton(sp => sp.GetRequiredService<IAzureClientFactory<TableServiceClient>>().CreateClient(StorageOptions.ConnectionName));
        services.TryAddSingleton(sp => sp.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(StorageOptions.ConnectionName));
        if (!services.Any(d => d.ServiceType == typeof(Marker)))
        {
            services.AddSingleton<Marker>();
            var section = configuration.GetSection(StorageOptions.ConnectionName);
            services.AddAzureClients(clients =>
            {
                Named(clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, sp) => Connection(sp).CreateBlobServiceClient(options, credential)), connection, section);
                Named(clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, sp) => Connection(sp).CreateTableServiceClient(options, credential)), connection, section);
                Named(clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, sp) => Connection(sp).CreateQueueServiceClient(options, credential)), connection, section);
            });
        }

        services.TryAddSingleton<QiStorage>();
        services.TryAddSingleton<StorageProvisioner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StorageProvisioner>(sp => sp.GetRequiredService<StorageProvisioner>()));
        services.TryAddSingleton<UploadTrigger>();
        services.TryAddSingleton<Ingestion.UploadStatusStore>();
        services.TryAddSingleton<ReadService>();
        services.TryAddSingleton<IngestionService>();
        services.TryAddSingleton<IUploadIngestor>(sp => sp.GetRequiredService<IngestionService>());
        services.TryAddSingleton<RedriveService>();
        services.TryAddSingleton<ReconciliationService>();
        services.TryAddSingleton<RollupService>();
        services.TryAddSingleton<INationalRollup>(sp => sp.GetRequiredService<RollupService>());
        return services;
    }

    private static StorageConnection Connection(IServiceProvider services) => services.GetRequiredService<StorageConnection>();

    private static void Named<TClient, TOptions>(IAzureClientBuilder<TClient, TOptions> client, StorageConnection connection, IConfigurationSection section)
        where TOptions : Azure.Core.ClientOptions
    {
        client.WithName(StorageOptions.ConnectionName)
            .ConfigureOptions((options, sp) => Connection(sp).AddPoliciesTo(options));
        if (connection.UsesCredential)
        {
            // The SDK's own reading of credential=managedidentity and clientId; DefaultAzureCredential without them.
            client.WithCredential(sp => sp.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(section));
        }
    }

    /// <summary>Registers the clients once, however often <see cref="AddQiIngestStorage"/> is called.</summary>
    private sealed class Marker;

    private sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
