using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.Configuration;

namespace QiIngest.Functions.Tests;

public class BindingDefaultsTests
{
    [Fact]
    public void Transform_SettingsAbsent_PlaceholdersGetTheDefaults()
    {
        var functions = Metadata();

        new BindingDefaults(Configuration([])).Transform(functions);

        Assert.Equal(
            ["{\"type\":\"timerTrigger\",\"schedule\":\"0 0 18 * * *\"}", "{\"type\":\"blobTrigger\",\"path\":\"uploads/{name}\"}", "{\"type\":\"queueTrigger\",\"queueName\":\"qiingest-retry\"}"],
            functions.SelectMany(f => f.RawBindings!));
    }

    [Fact]
    public void Transform_SettingsPresent_LeavesThePlaceholdersToTheHost()
    {
        var functions = Metadata();

        new BindingDefaults(Configuration(new() { ["RollupSchedule"] = "0 0 * * * *", ["QiIngest:Storage:UploadsContainer"] = "uploads2", ["QiIngest:Storage:RetryQueue"] = "rq" })).Transform(functions);

        Assert.Equal(
            ["{\"type\":\"timerTrigger\",\"schedule\":\"%RollupSchedule%\"}", "{\"type\":\"blobTrigger\",\"path\":\"%QiIngest:Storage:UploadsContainer%/{name}\"}", "{\"type\":\"queueTrigger\",\"queueName\":\"%QiIngest:Storage:RetryQueue%\"}"],
            functions.SelectMany(f => f.RawBindings!));
    }

    private static List<IFunctionMetadata> Metadata() =>
    [
        new DefaultFunctionMetadata { Name = "NationalRollup", RawBindings = ["{\"type\":\"timerTrigger\",\"schedule\":\"%RollupSchedule%\"}"] },
        new DefaultFunctionMetadata { Name = "IngestUpload", RawBindings = new List<string> { "{\"type\":\"blobTrigger\",\"path\":\"%QiIngest:Storage:UploadsContainer%/{name}\"}" }.AsReadOnly() },
        new DefaultFunctionMetadata { Name = "RetryUpload", RawBindings = ["{\"type\":\"queueTrigger\",\"queueName\":\"%QiIngest:Storage:RetryQueue%\"}"] },
    ];

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
