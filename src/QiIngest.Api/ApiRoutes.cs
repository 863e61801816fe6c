namespace QiIngest.Api;

/// <summary>
/// The API's routes, below <see cref="Prefix"/>: one owner for both hosts (the Functions app's HTTP functions name
/// them with the prefix, since its route prefix is empty for the portal at <c>/</c>; the local host maps them under
/// <c>/api</c>).
/// </summary>
public static class ApiRoutes
{
    /// <summary>The prefix of every route.</summary>
    public const string Prefix = "api";

    /// <summary>The prefix with its slash, for the Functions app's routes.</summary>
    public const string Rooted = Prefix + "/";

    public const string Health = "health";

    public const string Return = "returns/{reporter}/{period}";

    public const string Receipt = "returns/{reporter}/{period}/receipts/{file}";

    public const string Uploads = "returns/{reporter}/{period}/uploads";

    public const string National = "national/{period}";

    public const string Provinces = "national/{period}/provinces/{indicator}";

    public const string Regions = "national/{period}/regions/{indicator}";

    public const string Coverage = "coverage/{period}";

    public const string Template = "returns/{reporter}/{period}/template";

    public const string Periods = "periods";

    public const string Catalog = "catalog";

    public const string PublishedFiles = "national/{period}/files";

    public const string PublishedFile = "national/{period}/files/{file}";

    /// <summary>The path of <see cref="PublishedFile"/> for one report.</summary>
    public static string PublishedFilePath(string period, string file) =>
        "/" + Prefix + "/" + PublishedFile.Replace("{period}", period, StringComparison.Ordinal).Replace("{file}", Uri.EscapeDataString(file), StringComparison.Ordinal);

    public const string SdmxData = "sdmx/data/{flow}/{key?}/{provider?}";

    public const string SdmxStructure = "sdmx/structure/{type}/{agency}/{id}/{version}";

    /// <summary>Every route with its method, as each host serves it.</summary>
    public static IReadOnlyList<(string Method, string Route)> All { get; } =
    [
        ("GET", Health), ("GET", Return), ("GET", Receipt), ("POST", Uploads), ("GET", National), ("GET", Provinces),
        ("GET", Regions), ("GET", Coverage), ("GET", SdmxData), ("GET", SdmxStructure), ("GET", Template), ("GET", Periods),
        ("GET", Catalog), ("GET", PublishedFiles), ("GET", PublishedFile),
    ];
}
