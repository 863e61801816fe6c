using System.Text.Json.Nodes;

namespace QiIngest.Infra.Tests;

public sealed class MainTemplateTests(CompiledTemplates templates) : IClassFixture<CompiledTemplates>
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    private ArmTemplate Main => templates.Main;

    private JsonObject StorageAccount => Main.Module("storage").Single("Microsoft.Storage/storageAccounts");

    private JsonObject FunctionApp => Main.Module("function-app").Single("Microsoft.Web/sites");

    private List<(string Name, string Value)> AppSettings =>
        [.. FunctionApp["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(s => ((string)s!["name"]!, (string)s["value"]!))];

    [Fact]
    public void StorageAccount_Security_AllowsNoSharedKeyNoPublicBlobAndNoTlsBelow12()
    {
        var properties = StorageAccount["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string)properties["minimumTlsVersion"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
    }

    [Fact]
    public void BlobService_Cors_LetsThePortalPutUploadsToTheirGrants()
    {
        var rule = Main.Module("storage").Single("Microsoft.Storage/storageAccounts/blobServices")["properties"]!["cors"]!["corsRules"]!.AsArray().Single()!;

        Assert.Equal("[parameters('uploadCorsOrigins')]", (string?)rule["allowedOrigins"]);
        Assert.Equal(["PUT", "OPTIONS"], rule["allowedMethods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(["x-ms-blob-type", "x-ms-*", "content-type"], rule["allowedHeaders"]!.AsArray().Select(h => (string?)h));
        Assert.Equal(["x-ms-*"], rule["exposedHeaders"]!.AsArray().Select(h => (string?)h));
        var storageModule = Main.Resources.Single(r => (string?)r["name"] == "storage");
        Assert.Equal("[union(createArray(variables('portalOrigin')), parameters('portalOrigins'))]", ArmTemplate.PassedValue(storageModule, "uploadCorsOrigins"));
        Assert.Equal("[format('https://{0}.azurewebsites.net', variables('names').functionApp)]", (string?)Main.Variable("portalOrigin"));
    }

    [Fact]
    public void StorageContainers_Names_AreTheFiveThePipelineAndPlatformUse()
    {
        var storage = Main.Module("storage");
        var containers = storage.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal(
            "[format('{0}/{1}/{2}', parameters('name'), 'default', items(variables('containers'))[copyIndex()].value)]",
            (string)containers["name"]!);
        Assert.Equal(
            """{"uploads":"uploads","receipts":"receipts","reports":"reports","deployment":"app-package","deadLetter":"eventgrid-deadletter"}""",
            ArmTemplate.Json(storage.Variable("containers")));
    }

    [Fact]
    public void StorageTables_Names_AreTheFourPipelineTables()
    {
        var storage = Main.Module("storage");
        var tables = storage.Single("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Equal(
            "[format('{0}/{1}/{2}', parameters('name'), 'default', variables('tableNames')[copyIndex()])]",
            (string)tables["name"]!);
        Assert.Equal(
            """["Submissions","Observations","NationalAggregates"]""",
            ArmTemplate.Json(storage.Variable("tableNames")));
    }

    [Fact]
    public void AppRoles_OnStorage_AreBlobOwnerQueueContributorTableContributor()
    {
        var onStorage = Main.Module("app-roles").OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => (string?)r["scope"] == "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]")
            .Select(ArmTemplate.RoleGuid);

        Assert.Equal([BlobDataOwner, QueueDataContributor, TableDataContributor], onStorage);
    }

    [Fact]
    public void AppRoles_OnAppInsights_IsMonitoringMetricsPublisherOnly()
    {
        var onAppInsights = Main.Module("app-roles").OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => (string?)r["scope"] == "[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]")
            .Select(ArmTemplate.RoleGuid);

        Assert.Equal([MetricsPublisher], onAppInsights);
    }

    [Fact]
    public void AppRoles_Principal_IsTheUserAssignedIdentity()
    {
        var assignments = Main.Module("app-roles").OfType("Microsoft.Authorization/roleAssignments").ToList();

        Assert.Equal(4, assignments.Count);
        Assert.All(assignments, a =>
        {
            Assert.Equal(
                "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2024-11-30').principalId]",
                (string?)a["properties"]!["principalId"]);
            Assert.Equal("ServicePrincipal", (string?)a["properties"]!["principalType"]);
        });
    }

    [Fact]
    public void RoleAssignments_Names_AreGuids()
    {
        var names = Main.AllResources
            .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments")
            .Select(r => (string)r["name"]!)
            .ToList();

        Assert.Equal(7, names.Count);
        Assert.All(names, name => Assert.StartsWith("[guid(", name, StringComparison.Ordinal));
    }

    [Fact]
    public void DeadLetterRole_Scope_IsTheDeadLetterContainerOnly()
    {
        var role = Main.Module("event-topic").Single("Microsoft.Authorization/roleAssignments");

        Assert.Equal(BlobDataContributor, ArmTemplate.RoleGuid(role));
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', variables('containers').deadLetter)]",
            (string?)role["scope"]);
        Assert.Equal("[reference('topic', '2025-02-15', 'full').identity.principalId]", (string?)role["properties"]!["principalId"]);
    }

    [Fact]
    public void SystemTopic_Source_IsTheStorageAccount()
    {
        var topic = Main.Module("event-topic").Single("Microsoft.EventGrid/systemTopics");

        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)topic["properties"]!["source"]);
        Assert.Equal("SystemAssigned", (string?)topic["identity"]!["type"]);
    }

    [Fact]
    public void Plan_Sku_IsFlexConsumptionFC1()
    {
        var plan = Main.Module("function-app").Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
    }

    [Fact]
    public void FunctionApp_Runtime_IsDotnetIsolated10()
    {
        var runtime = FunctionApp["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public void FunctionApp_DeploymentStorage_IsTheAppPackageContainerThroughTheIdentity()
    {
        var storage = FunctionApp["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("[format('{0}{1}', parameters('storageEndpoints').blob, variables('containers').deployment)]", (string?)storage["value"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(
            "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))]",
            (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
    }

    [Fact]
    public void FunctionApp_Identity_IsTheUserAssignedOneOnly()
    {
        var identity = FunctionApp["identity"]!;

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        Assert.Equal(
            ["[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')))]"],
            identity["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void FunctionApp_Tags_NameTheAzdServiceFunctions()
    {
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', 'functions'))]", (string?)FunctionApp["tags"]);
    }

    [Fact]
    public void FunctionApp_AppSettings_AreIdentityBasedConnectionsTelemetryScheduleAndLimits()
    {
        const string Identity = "[reference('identity').clientId]";
        (string, string)[] expected =
        [
            ("AzureWebJobsStorage__blobServiceUri", "[parameters('storageEndpoints').blob]"),
            ("AzureWebJobsStorage__queueServiceUri", "[parameters('storageEndpoints').queue]"),
            ("AzureWebJobsStorage__tableServiceUri", "[parameters('storageEndpoints').table]"),
            ("AzureWebJobsStorage__credential", "managedidentity"),
            ("AzureWebJobsStorage__clientId", Identity),
            ("QiStorage__blobServiceUri", "[parameters('storageEndpoints').blob]"),
            ("QiStorage__queueServiceUri", "[parameters('storageEndpoints').queue]"),
            ("QiStorage__tableServiceUri", "[parameters('storageEndpoints').table]"),
            ("QiStorage__credential", "managedidentity"),
            ("QiStorage__clientId", Identity),
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", "[reference('appInsights').ConnectionString]"),
            ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "[format('ClientId={0};Authorization=AAD', reference('identity').clientId)]"),
            ("RollupSchedule", "[parameters('rollupSchedule')]"),
            ("QiIngest__Storage__UploadsContainer", "uploads"),
            ("QiIngest__Storage__RetryQueue", "qiingest-retry"),
            ("QiIngest__Limits__MaxFileBytes", "104857600"),
            ("QiIngest__Limits__MaxDataRows", "1000000"),
            ("QiIngest__Limits__MaxXlsxUncompressedBytes", "268435456"),
            ("QiIngest__Limits__MaxXlsxEntries", "10000"),
            ("QiIngest__Limits__MaxJsonDepth", "64"),
            ("AzureAd__TenantId", "[parameters('apiTenantId')]"),
            ("AzureAd__ClientId", "[parameters('apiClientId')]"),
            ("QiIngest__Api__DefaultDeadline", "[parameters('defaultDeadline')]"),
            ("AzureWebJobsDisableHomepage", "true"),
        ];

        Assert.Equal(expected, AppSettings);
    }

    [Fact]
    public void FunctionApp_StorageEndpoints_ComeFromTheStorageAccount()
    {
        var module = Main.Resources.Single(r => (string?)r["name"] == "function-app");
        var endpoints = Main.Module("storage").Root["outputs"]!["endpoints"]!["value"]!;

        Assert.Equal("[reference('storage').outputs.endpoints.value]", ArmTemplate.PassedValue(module, "storageEndpoints"));
        Assert.Equal(
            """{"blob":"[reference('storage').primaryEndpoints.blob]","queue":"[reference('storage').primaryEndpoints.queue]","table":"[reference('storage').primaryEndpoints.table]"}""",
            ArmTemplate.Json(endpoints));
    }

    [Fact]
    public void RollupSchedule_Default_Is0200ChinaTimeInUtc()
    {
        var module = Main.Resources.Single(r => (string?)r["name"] == "function-app");

        Assert.Equal("0 0 18 * * *", (string?)Main.Parameter("rollupSchedule")["defaultValue"]);
        Assert.Equal("[parameters('rollupSchedule')]", ArmTemplate.PassedValue(module, "rollupSchedule"));
    }

    [Theory]
    [InlineData("listKeys")]
    [InlineData("AccountKey")]
    [InlineData("SharedAccessSignature")]
    [InlineData("DefaultEndpointsProtocol")]
    [InlineData("InstrumentationKey=")]
    public void MainTemplate_Text_HasNoKeyOrConnectionString(string secretMarker)
    {
        Assert.DoesNotContain(secretMarker, ArmTemplate.Json(Main.Root), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AppInsights_LocalAuth_IsDisabledOnAWorkspace()
    {
        var monitoring = Main.Module("monitoring");
        var appInsights = monitoring.Single("Microsoft.Insights/components");

        Assert.True((bool)appInsights["properties"]!["DisableLocalAuth"]!);
        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", (string?)appInsights["properties"]!["WorkspaceResourceId"]);
    }

    [Fact]
    public void ReporterRole_Permissions_AreBlobReadWriteCreateOnly()
    {
        var role = Main.Single("Microsoft.Authorization/roleDefinitions");
        var permissions = role["properties"]!["permissions"]!.AsArray().Single()!;

        Assert.Equal("[]", ArmTemplate.Json(permissions["actions"]!));
        Assert.Equal(
            """["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read","Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write","Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action"]""",
            ArmTemplate.Json(permissions["dataActions"]!));
        Assert.Equal(
            """["[subscriptionResourceId('Microsoft.Resources/resourceGroups', variables('names').resourceGroup)]"]""",
            ArmTemplate.Json(role["properties"]!["assignableScopes"]!));
    }

    [Fact]
    public void PostdeployHook_EnvironmentVariables_AreAllOutputsOfMain()
    {
        var script = File.ReadAllText(BicepCli.InRepository("infra/hooks/postdeploy.sh"));
        var used = System.Text.RegularExpressions.Regex.Matches(script, @"\$\{?(AZURE_[A-Z_]+)")
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .Order(StringComparer.Ordinal);
        var outputs = Main.Root["outputs"]!.AsObject().Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(
            ["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME", "AZURE_FUNCTION_APP_NAME", "AZURE_RESOURCE_GROUP", "AZURE_STORAGE_ACCOUNT_NAME"],
            used);
        Assert.All(used, name => Assert.Contains(name, outputs));
    }
}
