using System.Text.Json.Nodes;

namespace QiIngest.Infra.Tests;

public sealed class AlertsTemplateTests(CompiledTemplates templates) : IClassFixture<CompiledTemplates>
{
    private const string ActionGroupId = "[resourceId('Microsoft.Insights/actionGroups', parameters('actionGroupName'))]";
    private const string WorkspaceId = "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]";
    private const string AppInsightsId = "[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]";

    private ArmTemplate Alerts => templates.Main.Module("alerts");

    private JsonObject Rule(string kind) => Alerts.Resources.Single(r => ((string?)r["name"])?.Contains($"'alert-qiingest-{kind}-", StringComparison.Ordinal) == true);

    private static JsonObject Criterion(JsonObject rule) => rule["properties"]!["criteria"]!["allOf"]!.AsArray().Single()!.AsObject();

    [Fact]
    public void AlertsModule_Parameters_AreTheEmailAndTheMonitoredResources()
    {
        var module = templates.Main.Resources.Single(r => (string?)r["name"] == "alerts");

        Assert.Equal("[parameters('alertEmail')]", ArmTemplate.PassedValue(module, "alertEmail"));
        Assert.Equal("[variables('names').storage]", ArmTemplate.PassedValue(module, "storageAccountName"));
        Assert.Equal("[variables('names').logAnalytics]", ArmTemplate.PassedValue(module, "logAnalyticsName"));
        Assert.Equal("[variables('names').appInsights]", ArmTemplate.PassedValue(module, "appInsightsName"));
        Assert.Equal("[variables('names').systemTopic]", ArmTemplate.PassedValue(module, "systemTopicName"));
        Assert.Equal(3, (int)templates.Main.Parameter("alertEmail")["minLength"]!);
    }

    [Fact]
    public void MainParameters_AlertEmail_ComesFromTheAzdEnvironment()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(BicepCli.InRepository("infra/main.parameters.json")))!;

        Assert.Equal("${QI_ALERT_EMAIL}", (string?)parameters["parameters"]!["alertEmail"]!["value"]);
    }

    [Fact]
    public void ActionGroup_Receivers_AreOneEmailToTheParameter()
    {
        var group = Alerts.Single("Microsoft.Insights/actionGroups");

        Assert.Equal("global", (string?)group["location"]);
        Assert.Equal(
            """[{"name":"operator","emailAddress":"[parameters('alertEmail')]","useCommonAlertSchema":true}]""",
            ArmTemplate.Json(group["properties"]!["emailReceivers"]!));
        Assert.True((bool)group["properties"]!["enabled"]!);
    }

    [Fact]
    public void Alerts_Actions_AllNotifyTheActionGroup()
    {
        var scheduled = Alerts.OfType("Microsoft.Insights/scheduledQueryRules").ToList();
        var metric = Alerts.OfType("Microsoft.Insights/metricAlerts").ToList();

        Assert.Equal(3, scheduled.Count);
        Assert.Single(metric);
        Assert.All(scheduled, r => Assert.Equal($"[\"{ActionGroupId}\"]", ArmTemplate.Json(r["properties"]!["actions"]!["actionGroups"]!)));
        Assert.Equal($$"""[{"actionGroupId":"{{ActionGroupId}}"}]""", ArmTemplate.Json(metric[0]["properties"]!["actions"]!));
        Assert.All(scheduled.Concat(metric), r => Assert.True((bool)r["properties"]!["enabled"]!));
    }

    [Fact]
    public void QueueDiagnostics_Writes_GoToTheWorkspace()
    {
        var setting = Alerts.Single("Microsoft.Insights/diagnosticSettings");

        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts/queueServices', parameters('storageAccountName'), 'default')]", (string?)setting["scope"]);
        Assert.Equal(WorkspaceId, (string?)setting["properties"]!["workspaceId"]);
        Assert.Equal("""[{"category":"StorageWrite","enabled":true}]""", ArmTemplate.Json(setting["properties"]!["logs"]!));
    }

    [Fact]
    public void PoisonAlert_Query_CountsMessagesPutOnThePoisonQueueOfTheDataAccount()
    {
        var rule = Rule("poison");
        var criterion = Criterion(rule);

        Assert.Equal([WorkspaceId], rule["properties"]!["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(
            "[format('StorageQueueLogs | where AccountName == \"{0}\" and OperationName == \"PutMessage\" and ObjectKey contains \"/{1}\"', parameters('storageAccountName'), variables('poisonQueue'))]",
            (string?)criterion["query"]);
        Assert.Equal("webjobs-blobtrigger-poison", (string?)Alerts.Variable("poisonQueue"));
        AssertFiresOnAnyRow(criterion);
        Assert.Equal("PT5M", (string?)rule["properties"]!["windowSize"]);
        Assert.Equal(1, (int)rule["properties"]!["severity"]!);
    }

    [Fact]
    public void DeadLetterAlert_Metric_IsAnyDeadLetteredEventOfTheSystemTopic()
    {
        var rule = Alerts.Single("Microsoft.Insights/metricAlerts");
        var criterion = rule["properties"]!["criteria"]!["allOf"]!.AsArray().Single()!;

        Assert.Equal("""["[resourceId('Microsoft.EventGrid/systemTopics', parameters('systemTopicName'))]"]""", ArmTemplate.Json(rule["properties"]!["scopes"]!));
        Assert.Equal("Microsoft.EventGrid/systemTopics", (string?)criterion["metricNamespace"]);
        Assert.Equal("DeadLetteredCount", (string?)criterion["metricName"]);
        Assert.Equal("Total", (string?)criterion["timeAggregation"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int)criterion["threshold"]!);
    }

    [Fact]
    public void FailedExecutionsAlert_Query_IsEveryUnsuccessfulInvocation()
    {
        var rule = Rule("failures");
        var criterion = Criterion(rule);

        Assert.Equal([AppInsightsId], rule["properties"]!["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal("requests | where success == false | project timestamp, operation_Name, resultCode, operation_Id", (string?)criterion["query"]);
        AssertFiresOnAnyRow(criterion);
    }

    [Fact]
    public void RollupAlert_Query_FiresWhenNoRollupRanIn26Hours()
    {
        var rule = Rule("rollup");
        var criterion = Criterion(rule);

        Assert.Equal([AppInsightsId], rule["properties"]!["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(
            "[format('customMetrics | where timestamp > ago({0}) and name == \"{1}\" | summarize runs = sum(valueCount) | where isnull(runs) or runs == 0', variables('rollupSilence'), variables('rollupRunMetric'))]",
            (string?)criterion["query"]);
        Assert.Equal("26h", (string?)Alerts.Variable("rollupSilence"));
        Assert.Equal("qi.rollup.duration", (string?)Alerts.Variable("rollupRunMetric"));

        // The query must see back 26 hours: the time range it gets has to be at least that.
        Assert.Equal("P2D", (string?)rule["properties"]!["overrideQueryTimeRange"]);
        Assert.Equal("PT1H", (string?)rule["properties"]!["evaluationFrequency"]);
        AssertFiresOnAnyRow(criterion);
    }

    private static void AssertFiresOnAnyRow(JsonObject criterion)
    {
        Assert.Equal("Count", (string?)criterion["timeAggregation"]);
        Assert.Equal("GreaterThan", (string?)criterion["operator"]);
        Assert.Equal(0, (int)criterion["threshold"]!);
        Assert.Equal("""{"numberOfEvaluationPeriods":1,"minFailingPeriodsToAlert":1}""", ArmTemplate.Json(criterion["failingPeriods"]!));
    }
}
