namespace QiIngest.Api;

/// <summary>
/// The API's routes, below <see cref="Prefix"/>: one owner for both hosts (the Functions app's route prefix is
/// <c>api</c>; the local host maps them under <c>/api</c>).
/// </summary>
public static class ApiRoutes
{
    /// <summary>The prefix of every route.</summary>
    public const string Prefix = "api";

    public const string Health = "health";

    public const string Return = "returns/{reporter}/{period}";

    public const string Receipt = "returns/{reporter}/{period}/receipts/{file}";

    public const string Uploads = "returns/{reporter}/{period}/uploads";

    public const string National = "national/{period}";

    public const string Provinces = "national/{period}/provinces/{indicator}";

    public const string Regions = "national/{period}/regions/{indicator}";

    public const string Coverage = "coverage/{period}";

    public const string SdmxData = "sdmx/data/{flow}/{key?}/{provider?}";

    public const string SdmxStructure = "sdmx/structure/{type}/{agency}/{id}/{version}";

    /// <summary>Every route with its method, as each host serves it.</summary>
    public static IReadOnlyList<(string Method, string Route)> All { get; } =
    [
        ("GET", Health), ("GET", Return), ("GET", Receipt), ("POST", Uploads), ("GET", National), ("GET", Provinces),
        ("GET", Regions), ("GET", Coverage), ("GET", SdmxData), ("GET", SdmxStructure),
    ];
}
