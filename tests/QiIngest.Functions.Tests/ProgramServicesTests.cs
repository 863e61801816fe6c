using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QiIngest.Storage;
using QiIngest.Storage.Ingestion;
using QiIngest.Storage.Rollup;

namespace QiIngest.Functions.Tests;

public class ProgramServicesTests
{
    [Fact]
    public void AddQiIngestStorage_AsTheAppRegistersIt_ResolvesWhatTheFunctionsNeed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["QiStorage"] = "UseDevelopmentStorage=true" }).Build();
        var services = new ServiceCollection().AddLogging().AddQiIngestStorage(configuration);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.IsType<IngestionService>(provider.GetRequiredService<IUploadIngestor>());
        Assert.IsType<RollupService>(provider.GetRequiredService<INationalRollup>());
    }

    [Fact]
    public void AddQiIngestStorage_ManagedIdentitySection_UsesServiceUrisWithoutSecrets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QiStorage:blobServiceUri"] = "https://qidata.blob.core.windows.net",
            ["QiStorage:tableServiceUri"] = "https://qidata.table.core.windows.net",
            ["QiStorage:queueServiceUri"] = "https://qidata.queue.core.windows.net",
            ["QiStorage:credential"] = "managedidentity",
            ["QiStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();

        var connection = StorageConnection.From(configuration, StorageOptions.ConnectionName);

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://qidata.table.core.windows.net"), connection.TableServiceUri);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(connection.Credential);
    }

    [Fact]
    public void AddQiIngestStorage_InvalidLimits_FailsWithEveryProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QiStorage"] = "UseDevelopmentStorage=true",
            ["QiIngest:Limits:MaxFileBytes"] = "0",
            ["QiIngest:Limits:MaxJsonDepth"] = "1",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddQiIngestStorage(configuration).BuildServiceProvider();

        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<QiIngest.Core.ReturnChecker>());

        Assert.Equal(["MaxFileBytes must be positive, not 0.", "MaxJsonDepth must be at least 3 (a return is nested 3 deep), not 1."], e.Failures);
    }
}
