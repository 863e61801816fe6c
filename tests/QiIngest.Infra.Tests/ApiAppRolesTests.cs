using System.Text.Json.Nodes;
namespace QiIngest.Infra.Tests;

/// <summary><c>infra/entra/app-roles.json</c>, the app roles of the API's Entra registration: the roles the API reads, one per reporter (the 31 provinces of the catalog and 100000).</summary>
public sealed class ApiAppRolesTests
{
    private static JsonArray Roles => JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "infra", "entra", "app-roles.json")))!.AsArray();

    [Fact]
    public void AppRoles_Values_NationalAndOneReporterRolePerExpectedReporter()
    {
        var values = Roles.Select(r => (string)r!["value"]!).ToList();

        var provinces = File.ReadAllLines(Path.Combine(BicepCli.RepositoryRoot, "src", "QiIngest.Core", "Catalog", "provinces.csv")).Skip(1).Select(l => l.Split(',')[0]);
        Assert.Equal(["National", .. provinces.Select(code => "Reporter." + code), "Reporter.100000"], values);
    }

    [Fact]
    public void AppRoles_Ids_DistinctGuidsForUsersOnly()
    {
        Assert.Equal(Roles.Count, Roles.Select(r => Guid.Parse((string)r!["id"]!)).Distinct().Count());
        Assert.All(Roles, r => Assert.Equal(["User"], r!["allowedMemberTypes"]!.AsArray().Select(t => (string)t!)));
    }
}
