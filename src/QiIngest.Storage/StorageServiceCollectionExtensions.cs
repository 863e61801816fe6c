using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QiIngest.Core;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Rollup;

namespace QiIngest.Storage;

/// <summary>Registers the storage adapter: the SDK clients of the data account and the services on top of them.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the core and the storage services. The data account is the connection <c>QiStorage</c>: a connection string
    /// (<c>UseDevelopmentStorage=true</c> for Azurite), or a section with <c>blobServiceUri</c>, <c>tableServiceUri</c>,
    /// <c>queueServiceUri</c> and, for a user-assigned managed identity, <c>credential=managedidentity</c> and <c>clientId</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The settings.</param>
    /// <param name="policies">Extra pipeline policies for every storage client (fault injection, a transaction counter).</param>
    public static IServiceCollection AddQiIngestStorage(this IServiceCollection services, IConfiguration configuration, IEnumerable<Azure.Core.Pipeline.HttpPipelinePolicy>? policies = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddQiIngestCore(limits => configuration.GetSection(IngestLimitsOptions.Section).Bind(limits));
        services.AddOptions<StorageOptions>().Configure(o => configuration.GetSection(StorageOptions.Section).Bind(o)).ValidateOnStart();
        services.TryAddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>();
        var connection = StorageConnection.From(configuration, StorageOptions.ConnectionName);
        foreach (var policy in policies ?? [])
        {
            connection.Policies.Add(policy);
        }

        services.TryAddSingleton(connection);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient());
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient());
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient());
        services.TryAddSingleton<QiStorage>();
        services.TryAddSingleton<StorageProvisioner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, StorageProvisioner>(sp => sp.GetRequiredService<StorageProvisioner>()));
        services.TryAddSingleton<UploadTrigger>();
        services.TryAddSingleton<Ingestion.UploadStatusStore>();
        services.TryAddSingleton<IngestionService>();
        services.TryAddSingleton<IUploadIngestor>(sp => sp.GetRequiredService<IngestionService>());
        services.TryAddSingleton<RedriveService>();
        services.TryAddSingleton<ReconciliationService>();
        services.TryAddSingleton<RollupService>();
        services.TryAddSingleton<INationalRollup>(sp => sp.GetRequiredService<RollupService>());
        return services;
    }

    private sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
