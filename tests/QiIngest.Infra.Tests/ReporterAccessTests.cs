using System.Text.Json.Nodes;

namespace QiIngest.Infra.Tests;

public sealed class ReporterAccessTests(CompiledTemplates templates) : IClassFixture<CompiledTemplates>
{
    private const string ExpectedConditionFor110000 = """
        (
         (
          !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})
          AND
          !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'})
         )
         OR
         (
          @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'uploads'
          AND
          @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith '110000/'
         )
        )
        AND
        (
         (
          !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
         )
         OR
         (
          (
           @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'uploads'
           OR
           @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'receipts'
          )
          AND
          @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith '110000/'
         )
        )
        AND
        (
         (
          !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND SubOperationMatches{'Blob.List'})
         )
         OR
         (
          (
           @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'uploads'
           OR
           @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'receipts'
          )
          AND
          @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix] StringStartsWith '110000/'
         )
        )

        """;

    private JsonObject Assignment => templates.ReporterAccess.Single("Microsoft.Authorization/roleAssignments");

    [Fact]
    public void Condition_ForReporter110000_LimitsWritesToItsUploadsAndReadsToItsUploadsAndReceipts()
    {
        var condition = (string)Assignment["properties"]!["condition"]!;
        const string Prefix = "[replace(variables('";
        const string Suffix = "'), '{reporter}', parameters('reporterCode'))]";
        Assert.StartsWith(Prefix, condition, StringComparison.Ordinal);
        Assert.EndsWith(Suffix, condition, StringComparison.Ordinal);
        var template = (string)templates.ReporterAccess.Variable(condition[Prefix.Length..^Suffix.Length])!;

        Assert.Equal(ExpectedConditionFor110000, template.Replace("{reporter}", "110000", StringComparison.Ordinal));
        Assert.Equal("2.0", (string?)Assignment["properties"]!["conditionVersion"]);
    }

    [Fact]
    public void Assignment_Role_IsTheCustomReporterRoleOfMain()
    {
        const string Guid = "[guid(parameters('subscriptionId'), parameters('resourceGroupId'), 'qiingest-reporter')]";

        Assert.Equal("[variables('roleDefinitionId')]", (string?)Assignment["properties"]!["roleDefinitionId"]);
        Assert.Equal(
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', __bicep.reporterRoleDefinitionName(subscription().id, resourceGroup().id))]",
            (string?)templates.ReporterAccess.Variable("roleDefinitionId"));
        Assert.Equal(
            "[__bicep.reporterRoleDefinitionName(subscription().id, subscriptionResourceId('Microsoft.Resources/resourceGroups', variables('names').resourceGroup))]",
            (string?)templates.Main.Single("Microsoft.Authorization/roleDefinitions")["name"]);
        Assert.Equal(Guid, RoleNameFunction(templates.ReporterAccess));
        Assert.Equal(Guid, RoleNameFunction(templates.Main));
    }

    [Fact]
    public void Assignment_Scope_IsTheStorageAccount()
    {
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)Assignment["scope"]);
        Assert.Equal("[parameters('principalId')]", (string?)Assignment["properties"]!["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)templates.ReporterAccess.Parameter("principalType")["defaultValue"]);
    }

    [Fact]
    public void ReporterCode_Allowed_AreTheProvincesOfTheCatalogAndTheNationalAdministration()
    {
        var catalog = File.ReadLines(BicepCli.InRepository("src/QiIngest.Core/Catalog/provinces.csv"))
            .Skip(1)
            .Where(line => line.Length != 0)
            .Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]);
        string[] expected = ["100000", .. catalog];

        var allowed = templates.ReporterAccess.Parameter("reporterCode")["allowedValues"]!.AsArray().Select(v => (string)v!);

        Assert.Equal(32, expected.Length);
        Assert.Equal(expected.Order(StringComparer.Ordinal), allowed);
    }

    private static string? RoleNameFunction(ArmTemplate template) =>
        (string?)template.Root["functions"]!.AsArray()
            .Single(f => (string?)f!["namespace"] == "__bicep")!["members"]!["reporterRoleDefinitionName"]!["output"]!["value"];
}
