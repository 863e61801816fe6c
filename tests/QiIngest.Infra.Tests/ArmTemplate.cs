using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QiIngest.Infra.Tests;

/// <summary>A compiled ARM template, with its modules (nested deployments) reachable by deployment name.</summary>
internal sealed class ArmTemplate(JsonObject root)
{
    // ARM expressions are full of single quotes; keep them readable in assertions.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonObject Root { get; } = root;

    public static ArmTemplate Parse(string json) =>
        new(JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("The template is not a JSON object.", nameof(json)));

    /// <summary>The resources of this template only; Bicep writes them as an array or, with symbolic names, an object.</summary>
    public IReadOnlyList<JsonObject> Resources => Root["resources"] switch
    {
        JsonArray array => [.. array.Select(r => r!.AsObject())],
        JsonObject byName => [.. byName.Select(r => r.Value!.AsObject())],
        _ => [],
    };

    /// <summary>The resources of this template and of every module under it.</summary>
    public IEnumerable<JsonObject> AllResources =>
        Resources.Concat(Resources.Where(IsModule).SelectMany(m => NestedTemplate(m).AllResources));

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => (string?)r["type"] == type);

    public JsonObject Single(string type) => OfType(type).Single();

    /// <summary>The template of the module deployed under this name.</summary>
    public ArmTemplate Module(string deploymentName) =>
        NestedTemplate(Resources.Single(r => IsModule(r) && (string?)r["name"] == deploymentName));

    public JsonNode Parameter(string name) =>
        Root["parameters"]?[name] ?? throw new KeyNotFoundException($"No parameter {name}.");

    public JsonNode Variable(string name) =>
        Root["variables"]?[name] ?? throw new KeyNotFoundException($"No variable {name}.");

    /// <summary>Compact JSON of a node, quotes unescaped.</summary>
    public static string Json(JsonNode node) => node.ToJsonString(Readable);

    /// <summary>The value a module deployment passes to one of its module's parameters.</summary>
    public static string? PassedValue(JsonObject module, string parameter) =>
        (string?)module["properties"]?["parameters"]?[parameter]?["value"];

    /// <summary>The role definition GUID of a role assignment written as subscriptionResourceId(..., 'guid').</summary>
    public static string RoleGuid(JsonObject roleAssignment)
    {
        var id = (string)roleAssignment["properties"]!["roleDefinitionId"]!;
        const string Prefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '";
        if (!id.StartsWith(Prefix, StringComparison.Ordinal) || !id.EndsWith("')]", StringComparison.Ordinal))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Not a built-in role reference: {id}"));
        }

        return id[Prefix.Length..^3];
    }

    private static bool IsModule(JsonObject resource) =>
        (string?)resource["type"] == "Microsoft.Resources/deployments";

    private static ArmTemplate NestedTemplate(JsonObject module) =>
        new(module["properties"]!["template"]!.AsObject());
}
