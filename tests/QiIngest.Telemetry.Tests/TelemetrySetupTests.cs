using System.Text.Json;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using QiIngest.Storage.Telemetry;
using QiIngest.Testing;

namespace QiIngest.Telemetry.Tests;

public sealed class TelemetrySetupTests
{
    [Fact]
    public void AddQiIngestTelemetry_NoExporterSetting_AddsNothing()
    {
        var configuration = new ConfigurationBuilder().Build();

        using var provider = new ServiceCollection().AddQiIngestTelemetry(configuration, "qiingest-tests").BuildServiceProvider();

        Assert.Null(provider.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("http://127.0.0.1:4317", null, null)]
    [InlineData(null, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://eastasia-0.in.applicationinsights.azure.com/", null)]
    [InlineData(null, null, "true")]
    public void AddQiIngestTelemetry_AnyExporterSetting_AddsTracing(string? otlp, string? appInsights, string? console)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetryServiceCollectionExtensions.OtlpEndpointSetting] = otlp,
            [TelemetryServiceCollectionExtensions.AppInsightsConnectionSetting] = appInsights,
            [TelemetryServiceCollectionExtensions.ConsoleSetting] = console,
        }).Build();

        using var provider = new ServiceCollection().AddLogging().AddQiIngestTelemetry(configuration, "qiingest-tests").BuildServiceProvider();

        Assert.NotNull(provider.GetService<TracerProvider>());
    }

    [Fact]
    public void EntraCredential_UserAssignedIdentity_IsAManagedIdentityCredential()
    {
        Assert.IsType<ManagedIdentityCredential>(TelemetryServiceCollectionExtensions.EntraCredential("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(TelemetryServiceCollectionExtensions.EntraCredential("Authorization=aad"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001")]
    public void EntraCredential_NoAadAuthorization_IsNull(string? authentication)
    {
        Assert.Null(TelemetryServiceCollectionExtensions.EntraCredential(authentication));
    }

    [Fact]
    public void HostJson_TelemetryMode_IsOpenTelemetry()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "src", "QiIngest.Functions", "host.json")));

        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());
        Assert.False(host.RootElement.TryGetProperty("logging", out _));
    }
}
