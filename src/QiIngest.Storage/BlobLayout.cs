namespace QiIngest.Storage;

/// <summary>
/// Every blob name of the pipeline, in one place: uploads, receipts and published reports. Names are within their
/// container (the containers' names are <see cref="StorageOptions"/>); no caller builds one of its own.
/// </summary>
public static class BlobLayout
{
    /// <summary>The folder of the receipts kept by hash, under a reporter's period folder.</summary>
    public const string ByHashFolder = "_sha256";

    /// <summary>The published rollup (section 10).</summary>
    public const string NationalJsonFile = "national.json";

    /// <summary>The published national table.</summary>
    public const string NationalCsvFile = "national.csv";

    /// <summary>The published SDMX-CSV 2.0.</summary>
    public const string NationalSdmxCsvFile = "national.sdmx.csv";

    /// <summary>The published dashboard.</summary>
    public const string DashboardFile = "index.html";

    /// <summary>Every report the rollup publishes for a period, under <see cref="ReportFolder"/>.</summary>
    public static IReadOnlyList<string> ReportFiles { get; } = [NationalJsonFile, NationalCsvFile, NationalSdmxCsvFile, DashboardFile];

    /// <summary>Where a reporter puts a return: <c>{reporter}/{period}/{file}</c> in the uploads container.</summary>
    public static string Upload(string reporter, string period, string file) => $"{reporter}/{period}/{file}";

    /// <summary>The folder of one (reporter, period), with its trailing slash, in the uploads and the receipts container.</summary>
    public static string Folder(string reporter, string period) => $"{reporter}/{period}/";

    /// <summary>The receipt of the upload <paramref name="uploadName"/>: beside it, <c>{upload}.json</c> in the receipts container.</summary>
    public static string Receipt(string uploadName) => uploadName + ".json";

    /// <summary>The upload a receipt name belongs to: <see cref="Receipt(string)"/> undone.</summary>
    public static string UploadOf(string receiptName) => receiptName.EndsWith(".json", StringComparison.Ordinal) ? receiptName[..^".json".Length] : receiptName;

    /// <summary>The receipt of an upload by name: <c>{reporter}/{period}/{file}.json</c>.</summary>
    public static string Receipt(string reporter, string period, string file) => Receipt(Upload(reporter, period, file));

    /// <summary>
    /// Where the receipt of some bytes is kept whatever name they were uploaded under: the reporter's own receipts
    /// folder, so that a province's read access to <c>receipts/{reporter}/</c> covers it.
    /// </summary>
    public static string ReceiptByHash(string reporter, string period, string sha256) => $"{reporter}/{period}/{ByHashFolder}/{sha256}.json";

    /// <summary>Whether a name in the receipts container is a receipt kept by hash rather than one beside an upload.</summary>
    public static bool IsReceiptByHash(string receiptName) => receiptName.Contains($"/{ByHashFolder}/", StringComparison.Ordinal);

    /// <summary>The folder of a period's published reports, with its trailing slash, in the reports container.</summary>
    public static string ReportFolder(string period) => $"{period}/";

    /// <summary>A published report of <paramref name="period"/>: one of the <c>*File</c> names of this class.</summary>
    public static string Report(string period, string file) => ReportFolder(period) + file;

    /// <summary><c>{period}/national.json</c>.</summary>
    public static string NationalJson(string period) => Report(period, NationalJsonFile);

    /// <summary><c>{period}/index.html</c>.</summary>
    public static string Dashboard(string period) => Report(period, DashboardFile);
}
