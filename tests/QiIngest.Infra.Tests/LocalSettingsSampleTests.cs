using System.Text.Json.Nodes;

namespace QiIngest.Infra.Tests;

public sealed class LocalSettingsSampleTests(CompiledTemplates templates) : IClassFixture<CompiledTemplates>
{
    // In Azure these are identity-based (no secret exists); locally Azurite's connection strings stand in
    // for the connections, and telemetry is off.
    private static readonly string[] AzureOnlyPrefixes = ["AzureWebJobsStorage__", "QiStorage__", "APPLICATIONINSIGHTS_"];

    private static JsonObject SampleValues =>
        JsonNode.Parse(File.ReadAllText(BicepCli.InRepository("local.settings.sample.json")))!["Values"]!.AsObject();

    [Fact]
    public void Sample_Values_AreAzuriteAndTheDefaults()
    {
        (string, string)[] expected =
        [
            ("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated"),
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("QiStorage", "UseDevelopmentStorage=true"),
            ("RollupSchedule", "0 0 18 * * *"),
            ("QiIngest__Storage__UploadsContainer", "uploads"),
            ("QiIngest__Storage__RetryQueue", "qiingest-retry"),
            ("QiIngest__Limits__MaxFileBytes", "104857600"),
            ("QiIngest__Limits__MaxDataRows", "1000000"),
            ("QiIngest__Limits__MaxXlsxUncompressedBytes", "268435456"),
            ("QiIngest__Limits__MaxXlsxEntries", "10000"),
            ("QiIngest__Limits__MaxJsonDepth", "64"),
            ("AzureAd__TenantId", ""),
            ("AzureAd__ClientId", ""),
            ("QiIngest__Api__DefaultDeadline", "03-31"),
            ("AzureWebJobsDisableHomepage", "true"),
        ];

        Assert.Equal(expected, SampleValues.Select(v => (v.Key, (string)v.Value!)));
    }

    [Fact]
    public void Sample_Settings_CoverEveryAppSettingOfAzureButTheIdentityBasedOnes()
    {
        var app = templates.Main.Module("function-app").Single("Microsoft.Web/sites");
        var azure = app["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(s => (Name: (string)s!["name"]!, Value: (string)s["value"]!))
            .Where(s => !AzureOnlyPrefixes.Any(p => s.Name.StartsWith(p, StringComparison.Ordinal)))
            .ToList();
        var local = SampleValues;

        Assert.Equal(12, azure.Count);
        Assert.All(azure, s => Assert.True(local.ContainsKey(s.Name), $"{s.Name} is missing from local.settings.sample.json"));
        Assert.All(
            azure.Where(s => !s.Value.StartsWith('[')),
            s => Assert.Equal(s.Value, (string?)local[s.Name]));
        Assert.Equal((string?)templates.Main.Parameter("rollupSchedule")["defaultValue"], (string?)local["RollupSchedule"]);
    }
}
