using QiIngest.Core;
using QiIngest.Core.Catalog;

namespace QiIngest.Bench.Figures;

/// <summary>Upload paths of the generated returns.</summary>
internal static class Returns
{
    public const string Period = "2023";

    /// <summary>The province the single large returns are for (Guangdong, 44xxxx).</summary>
    public const string Province = "440000";

    public static UploadPath Path(string reporter, string fileName) =>
        UploadPath.Parse($"{reporter}/{Period}/{fileName}", ReporterRegistry.Default).Path
        ?? throw new InvalidOperationException($"{reporter}/{Period}/{fileName} is not an upload path.");

    /// <summary>A scratch folder for generated inputs, removed at the end of the run.</summary>
    public static string Scratch { get; } = Directory.CreateTempSubdirectory("qiingest-bench-").FullName;
}
