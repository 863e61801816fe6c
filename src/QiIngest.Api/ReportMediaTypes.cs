using QiIngest.Core.Sdmx;
using QiIngest.Storage;

namespace QiIngest.Api;

/// <summary>The media type of each file the API hands out: the published reports of <see cref="BlobLayout.ReportFiles"/> and the templates.</summary>
internal static class ReportMediaTypes
{
    public const string Csv = "text/csv; charset=utf-8";

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The published dashboard carries its own policy (hashes of its inline style and script); served from the API's
    /// origin it is also sandboxed without same-origin, and may be framed by the portal only.
    /// </summary>
    public const string DashboardPolicy = "sandbox allow-scripts; default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    public static bool IsReport(string file) => BlobLayout.ReportFiles.Contains(file, StringComparer.Ordinal);

    public static string Of(string file) => file switch
    {
        BlobLayout.NationalJsonFile => "application/json; charset=utf-8",
        BlobLayout.NationalCsvFile => Csv,
        BlobLayout.NationalSdmxCsvFile => SdmxCsvData.MediaType + "; charset=utf-8",
        BlobLayout.DashboardFile => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };
}
