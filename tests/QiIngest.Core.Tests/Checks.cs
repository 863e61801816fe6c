using System.Text;

namespace QiIngest.Core.Tests;

/// <summary>Runs the real checker on text or files, the way <c>qi check</c> does.</summary>
internal static class Checks
{
    public static CheckResult Run(string content, string reporter = "320000", string period = "2023", string file = "return.csv", Encoding? encoding = null, IngestLimits? limits = null, IReadOnlyDictionary<string, decimal?>? previous = null)
    {
        var bytes = (encoding ?? new UTF8Encoding(false)).GetPreamble().Concat((encoding ?? new UTF8Encoding(false)).GetBytes(content)).ToArray();
        return Run(bytes, reporter, period, file, limits, previous);
    }

    public static CheckResult Run(byte[] bytes, string reporter = "320000", string period = "2023", string file = "return.csv", IngestLimits? limits = null, IReadOnlyDictionary<string, decimal?>? previous = null)
    {
        using var stream = new MemoryStream(bytes);
        return Run(stream, reporter, period, file, limits, previous);
    }

    public static CheckResult Run(Stream stream, string reporter = "320000", string period = "2023", string file = "return.csv", IngestLimits? limits = null, IReadOnlyDictionary<string, decimal?>? previous = null)
    {
        var path = UploadPath.Parse(reporter, period, file, Catalog.ReporterRegistry.Default).Path!;
        var checker = new ReturnChecker(Catalog.IndicatorCatalog.Default, Catalog.ReporterRegistry.Default, limits ?? IngestLimits.Default);
        return checker.CheckAsync(stream, path, previous).GetAwaiter().GetResult();
    }

    public static CheckResult RunFile(string path, string reporter, string period)
    {
        using var stream = File.OpenRead(path);
        return Run(stream, reporter, period, Path.GetFileName(path));
    }

    public static string Types(CheckResult result) => string.Join(",", result.Errors.Concat(result.Warnings).Select(i => i.Type).Distinct());
}
