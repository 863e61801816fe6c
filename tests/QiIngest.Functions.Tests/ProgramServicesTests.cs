using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QiIngest.Core;
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

        using var provider = new ServiceCollection().AddLogging().AddQiIngestStorage(configuration).BuildServiceProvider();

        var storage = provider.GetRequiredService<QiStorage>();

        Assert.Null(provider.GetRequiredService<StorageConnection>().ConnectionString);
        Assert.Equal(new Uri("https://qidata.blob.core.windows.net"), storage.Blobs.Uri);
        Assert.Equal(new Uri("https://qidata.table.core.windows.net"), storage.Tables.Uri);
        Assert.Equal(new Uri("https://qidata.queue.core.windows.net"), storage.Queues.Uri);
    }

    [Fact]
    public void AddQiIngestStorage_Clients_AreTheAzureSdksNamedClientsQiStorage()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["QiStorage"] = "UseDevelopmentStorage=true" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddQiIngestStorage(configuration).AddQiIngestStorage(configuration).BuildServiceProvider();

        var blobs = provider.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(StorageOptions.ConnectionName);

        Assert.Same(blobs, provider.GetRequiredService<QiStorage>().Blobs);
        Assert.Same(provider.GetRequiredService<IAzureClientFactory<TableServiceClient>>().CreateClient(StorageOptions.ConnectionName), provider.GetRequiredService<QiStorage>().Tables);
        Assert.Same(provider.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(StorageOptions.ConnectionName), provider.GetRequiredService<QiStorage>().Queues);
        Assert.Equal("devstoreaccount1", blobs.AccountName);
    }

    [Fact]
    public void AddQiIngestStorage_Limits_BindToIngestLimitsDirectly()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QiStorage"] = "UseDevelopmentStorage=true",
            ["QiIngest:Limits:MaxDataRows"] = "5000",
            ["QiIngest:Limits:MaxXlsxEntries"] = "12",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddQiIngestStorage(configuration).BuildServiceProvider();

        var limits = provider.GetRequiredService<IOptions<IngestLimits>>().Value;

        Assert.Equal(IngestLimits.Default with { MaxDataRows = 5000, MaxXlsxEntries = 12 }, limits);
    }

    [Fact]
    public void StartupValidation_BadLimitsAndStorageNames_ReportsEveryProblemTogether()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QiStorage"] = "UseDevelopmentStorage=true",
            ["QiIngest:Limits:MaxDataRows"] = "0",
            ["QiIngest:Storage:ReceiptsContainer"] = "Receipts",
            ["QiIngest:Storage:MaxParallelTransactions"] = "0",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddQiIngestStorage(configuration).BuildServiceProvider();

        var e = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "MaxDataRows must be positive, not 0.",
                "QiIngest:Storage:ReceiptsContainer 'Receipts' is not a valid container name (3-63 lower-case letters, digits and hyphens).",
                "QiIngest:Storage:MaxParallelTransactions must be 1 to 64, not 0.",
            ],
            e.InnerExceptions.SelectMany(i => Assert.IsType<OptionsValidationException>(i).Failures));
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
