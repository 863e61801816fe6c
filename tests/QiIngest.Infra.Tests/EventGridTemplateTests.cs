using System.Text.Json.Nodes;

namespace QiIngest.Infra.Tests;

public sealed class EventGridTemplateTests(CompiledTemplates templates) : IClassFixture<CompiledTemplates>
{
    private JsonObject Subscription => templates.EventGrid.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");

    [Fact]
    public void Subscription_Filter_IsBlobCreatedUnderUploads()
    {
        var filter = Subscription["properties"]!["filter"]!;

        Assert.Equal("""["Microsoft.Storage.BlobCreated"]""", ArmTemplate.Json(filter["includedEventTypes"]!));
        Assert.Equal("/blobServices/default/containers/uploads/", (string?)filter["subjectBeginsWith"]);
        Assert.Null(filter["subjectEndsWith"]);
    }

    [Fact]
    public void Subscription_Destination_IsTheBlobsExtensionWebhookOfIngestUpload()
    {
        var destination = Subscription["properties"]!["destination"]!;

        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        Assert.Equal(
            "[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.IngestUpload&code={1}', reference(resourceId('Microsoft.Web/sites', parameters('functionAppName')), '2025-03-01').defaultHostName, parameters('blobsExtensionKey'))]",
            (string?)destination["properties"]!["endpointUrl"]);
        Assert.Equal(1, (int)destination["properties"]!["maxEventsPerBatch"]!);
    }

    [Fact]
    public void BlobsExtensionKey_Parameter_IsSecure()
    {
        Assert.Equal("securestring", (string?)templates.EventGrid.Parameter("blobsExtensionKey")["type"]);
        Assert.Null(templates.EventGrid.Parameter("blobsExtensionKey")["defaultValue"]);
    }

    [Fact]
    public void Subscription_RetryPolicy_Is30AttemptsWithinADay()
    {
        var retry = Subscription["properties"]!["retryPolicy"]!;

        Assert.Equal("[parameters('maxDeliveryAttempts')]", (string?)retry["maxDeliveryAttempts"]);
        Assert.Equal("[parameters('eventTimeToLiveInMinutes')]", (string?)retry["eventTimeToLiveInMinutes"]);
        Assert.Equal(30, (int)templates.EventGrid.Parameter("maxDeliveryAttempts")["defaultValue"]!);
        Assert.Equal(1440, (int)templates.EventGrid.Parameter("eventTimeToLiveInMinutes")["defaultValue"]!);
    }

    [Fact]
    public void Subscription_DeadLetter_IsTheDeadLetterContainerThroughTheTopicIdentity()
    {
        var deadLetter = Subscription["properties"]!["deadLetterWithResourceIdentity"]!;

        Assert.Equal("SystemAssigned", (string?)deadLetter["identity"]!["type"]);
        Assert.Equal("StorageBlob", (string?)deadLetter["deadLetterDestination"]!["endpointType"]);
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]",
            (string?)deadLetter["deadLetterDestination"]!["properties"]!["resourceId"]);
        Assert.Equal("eventgrid-deadletter", (string?)deadLetter["deadLetterDestination"]!["properties"]!["blobContainerName"]);
        Assert.Null(Subscription["properties"]!["deadLetterDestination"]);
    }

    [Fact]
    public void DeadLetterContainer_Name_IsOneTheStorageModuleCreates()
    {
        var containers = templates.Main.Module("storage").Variable("containers").AsObject();

        Assert.Contains("eventgrid-deadletter", containers.Select(c => (string?)c.Value));
        Assert.Contains("uploads", containers.Select(c => (string?)c.Value));
    }

    [Fact]
    public void PostdeployHook_Script_ReadsTheBlobsExtensionKeyAndDeploysThisTemplate()
    {
        var script = File.ReadAllText(BicepCli.InRepository("infra/hooks/postdeploy.sh"));

        Assert.Contains("--query systemKeys.blobs_extension", script, StringComparison.Ordinal);
        Assert.Contains("--template-file \"$infra_dir/eventgrid.bicep\"", script, StringComparison.Ordinal);
        Assert.Contains("\"blobsExtensionKey\": { \"value\": \"$key\" }", script, StringComparison.Ordinal);
    }
}
