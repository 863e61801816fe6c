using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QiIngest.Storage.Ingestion;
using QiIngest.Testing;

namespace QiIngest.LocalHost.Tests;

/// <summary>The blob trigger's concurrency and tries are the Functions app's host.json, written once.</summary>
public sealed class HostSettingsTests
{
    [Fact]
    public void Defaults_BlobTriggerSettings_AreThoseOfTheFunctionsAppsHostJson()
    {
        var blobs = HostJsonBlobs();

        Assert.Equal(blobs.GetProperty("maxDegreeOfParallelism").GetInt32().ToString(CultureInfo.InvariantCulture), LocalHostSettings.Defaults[LocalHostSettings.MaxDegreeOfParallelism]);
        Assert.Equal(blobs.GetProperty("poisonBlobThreshold").GetInt32().ToString(CultureInfo.InvariantCulture), LocalHostSettings.Defaults[LocalHostSettings.PoisonBlobThreshold]);
        Assert.Equal(RetrySchedule.HostTries, blobs.GetProperty("poisonBlobThreshold").GetInt32());
    }

    [Fact]
    public void Create_BlobsOptions_AreHostJsonsUnlessASettingOverridesThem()
    {
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [LocalHostSettings.PoisonBlobThreshold] = "2" }).Build();
        using var host = LocalHostBuilder.Create(overrides);

        var options = host.Services.GetRequiredService<IOptions<BlobsOptions>>().Value;

        Assert.Equal(HostJsonBlobs().GetProperty("maxDegreeOfParallelism").GetInt32(), options.MaxDegreeOfParallelism);
        Assert.Equal(2, options.PoisonBlobThreshold);
    }

    private static JsonElement HostJsonBlobs()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "src", "QiIngest.Functions", "host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("blobs").Clone();
    }
}
