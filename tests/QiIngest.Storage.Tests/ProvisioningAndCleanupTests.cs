using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QiIngest.Storage.Tables;
using QiIngest.Testing;

namespace QiIngest.Storage.Tests;

/// <summary>Containers, tables and queues created when missing; configuration checked at start-up; cleanup that survives lost answers.</summary>
public sealed class ProvisioningAndCleanupTests
{
    [Fact]
    public async Task IngestAsync_FreshStorage_CreatesContainersTablesAndQueuesOnFirstUse()
    {
        await Azurite.EnsureRunningAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var settings = Azurite.IsolatedStorageSettings(id);
        settings["QiIngest:Storage:StatusTable"] = $"Sts{id}";
        settings["QiIngest:Storage:RetryQueue"] = $"rq-{id}";
        await using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddQiIngestStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var storage = services.GetRequiredService<QiStorage>();
        await storage.Uploads.CreateIfNotExistsAsync(); // the reporter's upload is the only thing there
        await storage.Uploads.GetBlobClient("110000/2023/a.csv").UploadAsync(BinaryData.FromString("indicator,value,unit\nIT_INSTITUTIONS,1934,家\nIT_INSTITUTIONS_PRIVATE,1219,家\n"));
        try
        {
            var receipt = await services.GetRequiredService<Ingestion.IngestionService>().IngestAsync("110000/2023/a.csv");

            Assert.Equal(1, receipt?.Version);
            foreach (var container in new[] { storage.Receipts, storage.Reports })
            {
                Assert.True((await container.ExistsAsync()).Value, container.Name);
            }

            foreach (var table in new[] { storage.Submissions, storage.Observations, storage.Aggregates, storage.Status })
            {
                Assert.Single(await storage.Tables.QueryAsync(t => t.Name == table.Name).ToListAsync());
            }

            Assert.True((await storage.RetryQueue.ExistsAsync()).Value);
            Assert.True((await storage.PoisonQueue.ExistsAsync()).Value);
            Assert.True(services.GetRequiredService<StorageProvisioner>().IsProvisioned);
        }
        finally
        {
            foreach (var container in new[] { storage.Uploads, storage.Receipts, storage.Reports })
            {
                await container.DeleteIfExistsAsync();
            }

            foreach (var table in new[] { storage.Submissions, storage.Observations, storage.Aggregates, storage.Status })
            {
                await table.DeleteAsync();
            }

            await storage.RetryQueue.DeleteIfExistsAsync();
        }
    }

    [Fact]
    public void AddQiIngestStorage_ProvisionerIsAHostedService()
    {
        using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
            .AddQiIngestStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["QiStorage"] = Azurite.ConnectionString }).Build()).BuildServiceProvider();

        Assert.Same(services.GetRequiredService<StorageProvisioner>(), Assert.Single(services.GetServices<IHostedService>()));
    }

    [Fact]
    public async Task HostStart_InvalidStorageSettings_FailsNamingEverySetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QiStorage"] = Azurite.ConnectionString,
            ["QiIngest:Storage:UploadsContainer"] = "Uploads_2",
            ["QiIngest:Storage:SweepBatch"] = "0",
        });
        builder.Services.AddQiIngestStorage(builder.Configuration);
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            ["QiIngest:Storage:UploadsContainer 'Uploads_2' is not a valid container name (3-63 lower-case letters, digits and hyphens).", "QiIngest:Storage:SweepBatch must be 1 to 1000, not 0."],
            e.Failures);
    }

    [Fact]
    public void Connection_UnreadableConnectionString_FailsNamingTheSetting()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddQiIngestStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["QiStorage"] = "AccountName=x" }).Build()).BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<BlobServiceClient>());

        Assert.StartsWith("The setting QiStorage is not a usable storage connection (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("): give a connection string such as 'UseDevelopmentStorage=true', or QiStorage__blobServiceUri, __tableServiceUri and __queueServiceUri.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_RejectedReturnWithLostAnswersOnItsCleanup_EndsInARejectedReceiptAndNoRows()
    {
        var lost = new LostAnswerPolicy();
        await using var harness = await StorageHarness.CreateAsync(policies: lost);
        var csv = Encoding.UTF8.GetString(IngestionServiceTests.CityReturn(300, 10)) + "440101,IT_REVENUE,abc\n";
        await harness.UploadAsync("440000/2023/bad.csv", Encoding.UTF8.GetBytes(csv));

        lost.Matching = "DELETE ";
        var receipt = await harness.Ingestion.IngestAsync("440000/2023/bad.csv");

        Assert.Equal(QiIngest.Core.Outcome.Rejected, receipt?.Outcome);
        Assert.Equal(6, lost.Lost); // 600 staged rows: six delete transactions, each answered only on its retry
        Assert.Empty(await harness.Storage.Observations.QueryAsync<TableEntity>(select: ["RowKey"]).ToListAsync());
    }

    [Fact]
    public async Task DeleteAsync_RowsAlreadyGone_IsNoError()
    {
        await using var harness = await StorageHarness.CreateAsync();
        var table = harness.Storage.Observations;
        await table.UpsertEntityAsync(new TableEntity("p-0000", "a"));

        var first = await TableCleanup.DeleteAsync(table, TableKeys.DataFilter("p"), default);
        await TableCleanup.DeleteRowAsync(table, "p-0000", "a", Azure.ETag.All, default);
        var second = await TableCleanup.DeleteAsync(table, TableKeys.DataFilter("p"), default);

        Assert.Equal((1, 1), first);
        Assert.Equal((0, 0), second);
    }
}
