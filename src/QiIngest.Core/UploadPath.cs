using QiIngest.Core.Catalog;
using QiIngest.Core.Validation;

namespace QiIngest.Core;

/// <summary>Where a return was uploaded, as section 4 reads it: <c>{reporter}/{period}/{file}</c> under the <c>uploads</c> container.</summary>
/// <param name="Reporter">The resolved reporter code.</param>
/// <param name="Period">The period.</param>
/// <param name="FileName">The file name, as uploaded.</param>
/// <param name="Format">The format its ending names.</param>
public sealed record UploadPath(string Reporter, Period Period, string FileName, ReturnFormat Format)
{
    /// <summary>The container reporters upload to.</summary>
    public const string Container = "uploads";

    /// <summary>Reads a blob name within the container (a leading <c>uploads/</c> is allowed), or says what is wrong with it.</summary>
    public static UploadPathResult Parse(string blobName, ReporterRegistry reporters)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        ArgumentNullException.ThrowIfNull(reporters);
        var name = blobName.StartsWith(Container + "/", StringComparison.Ordinal) ? blobName[(Container.Length + 1)..] : blobName;
        var parts = name.Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            return new(null, [new Issue(IssueType.PathError, $"The upload '{blobName}' is not at uploads/{{reporter}}/{{period}}/{{file}}: upload it into the folder of your reporter code and period, for example uploads/110000/2023/{parts[^1]}.")
            {
                MessageZh = $"上传的“{blobName}”不在 uploads/{{报送单位}}/{{统计期}}/{{文件}} 下：请上传到本单位代码和统计期的文件夹，例如 uploads/110000/2023/{parts[^1]}。",
            }]);
        }

        return Parse(parts[0], parts[1], parts[2], reporters);
    }

    /// <summary>Checks reporter, period and file name given separately (the offline <c>--reporter</c>/<c>--period</c>).</summary>
    public static UploadPathResult Parse(string reporter, string period, string fileName, ReporterRegistry reporters)
    {
        ArgumentNullException.ThrowIfNull(reporters);
        var errors = new List<Issue>();
        if (!reporters.TryResolve(reporter, out var code))
        {
            var hint = reporters.Nearest.DidYouMean(reporter);
            errors.Add(new Issue(IssueType.PathError, hint is not null
                ? $"The reporter '{reporter}' is not one of the 31 provinces or the national administration 100000: {hint} Use your six-digit GB/T 2260 code, for example 110000 for Beijing."
                : $"The reporter '{reporter}' is not one of the 31 provinces or the national administration 100000: use your six-digit GB/T 2260 code, for example 110000 for Beijing.")
            {
                MessageZh = hint is not null
                    ? $"报送单位“{reporter}”不是 31 个省份之一，也不是国家局 100000：{reporters.Nearest.DidYouMeanZh(reporter)}请使用本单位的六位 GB/T 2260 代码，例如北京为 110000。"
                    : $"报送单位“{reporter}”不是 31 个省份之一，也不是国家局 100000：请使用本单位的六位 GB/T 2260 代码，例如北京为 110000。",
            });
        }

        if (!Period.TryParseStrict(period, out var p))
        {
            errors.Add(new Issue(IssueType.PathError, $"The period '{period}' is not a year YYYY from {Period.MinYear} to {Period.MaxYear}: upload into a folder named like 2023.") { MessageZh = $"统计期“{period}”不是 {Period.MinYear} 至 {Period.MaxYear} 之间的年份 YYYY：请上传到以年份命名的文件夹，例如 2023。" });
        }

        ReturnFormat? format = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" => ReturnFormat.Csv,
            ".xlsx" => ReturnFormat.Xlsx,
            ".json" => ReturnFormat.Json,
            _ => null,
        };
        if (format is null)
        {
            errors.Add(new Issue(IssueType.PathError, $"The file '{fileName}' does not end in .csv, .xlsx or .json: save the return in one of these formats.") { MessageZh = $"文件“{fileName}”的扩展名不是 .csv、.xlsx 或 .json：请将报表保存为其中一种格式。" });
        }

        return errors.Count > 0 ? new UploadPathResult(null, errors) : new UploadPathResult(new UploadPath(code!, p, fileName, format!.Value), []);
    }
}
