using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using QiIngest.Core.Catalog;

namespace QiIngest.Cli.Tests;

public sealed class TemplateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qi-template-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("110000", "csv", 8)]
    [InlineData("440000", "xlsx", 8)]
    [InlineData("100000", "csv", 6)]
    [InlineData("100000", "xlsx", 6)]
    public async Task Template_LeftEmpty_IsRejectedAsBlankWithOneMissingCellWarningPerIndicator(string reporter, string format, int indicators)
    {
        var path = await WriteTemplateAsync(reporter, format);

        var run = await Qi.RunAsync("check", path, "-r", reporter, "-p", "2023", "--json");

        // Reporting form v1.1, section 8: a blank template must not replace a real return.
        Assert.True(run.ExitCode == 1, run.ToString());
        using var receipt = JsonDocument.Parse(run.Out);
        Assert.Equal("rejected", receipt.RootElement.GetProperty("outcome").GetString());
        var error = Assert.Single(receipt.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("format-error", error.GetProperty("type").GetString());
        Assert.Equal("No observation has a value (every value is empty or a missing marker): a blank template cannot replace a return; fill in the figures and upload again.", error.GetProperty("message").GetString());
        var warnings = receipt.RootElement.GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(indicators, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("missing-cell", w.GetProperty("type").GetString()));
        Assert.Empty(receipt.RootElement.GetProperty("totals").EnumerateObject());
    }

    [Theory]
    [InlineData("110000", "csv")]
    [InlineData("440000", "xlsx")]
    [InlineData("100000", "csv")]
    [InlineData("100000", "xlsx")]
    public async Task Template_FilledIn_IsAcceptedWithTheValuesInTheCanonicalUnit(string reporter, string format)
    {
        var path = await WriteTemplateAsync(reporter, format);
        var values = IndicatorCatalog.Default.All.Where(i => i.IsNational == (reporter == "100000"))
            .ToDictionary(i => i.Code, i => i.Kind switch { IndicatorKind.Money => 1234500m, IndicatorKind.Rate => 50.5m, _ => 42m });
        if (format == "csv")
        {
            FillCsv(path, values);
        }
        else
        {
            FillXlsx(path, values);
        }

        var run = await Qi.RunAsync("check", path, "-r", reporter, "-p", "2023", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var receipt = JsonDocument.Parse(run.Out);
        Assert.Equal("accepted", receipt.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(values.OrderBy(v => v.Key), receipt.RootElement.GetProperty("totals").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal()).OrderBy(v => v.Key));
    }

    [Fact]
    public async Task Template_Csv_HasBilingualTitleAndAHeaderOfFormColumns()
    {
        var path = await WriteTemplateAsync("Beijing", "csv");

        var lines = File.ReadAllText(path, Encoding.UTF8).Split("\r\n");
        Assert.Equal("质量基础设施统计报表 2023年 · Quality infrastructure statistics return 2023", lines[0]);
        Assert.Equal("填报单位 Reporter: 110000 北京市 Beijing,统计年度 Period: 2023", lines[1]);
        Assert.Equal("indicator_code,指标名称,indicator,value,unit,note", lines[3]);
        Assert.Equal("IT_REVENUE,检验检测营业收入,Inspection and testing revenue,,元,", lines[7]);
        Assert.Equal(Path.Combine(_folder, "110000-2023-template.csv"), path);
    }

    [Fact]
    public async Task Template_UnknownReporter_Exit2()
    {
        var run = await Qi.RunAsync("template", "--reporter", "Hong Kong", "--period", "2023", "--output", Path.Combine(_folder, "x.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("The reporter 'Hong Kong' is not one of the 31 provinces or the national administration 100000: use a six-digit GB/T 2260 code such as 110000, or a name such as Beijing.\n", run.Err);
        Assert.False(File.Exists(Path.Combine(_folder, "x.csv")));
    }

    [Fact]
    public async Task Template_UnknownFormat_Exit2WithOneLine()
    {
        var run = await Qi.RunAsync("template", "-r", "110000", "-p", "2023", "--format", "pdf");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Argument 'pdf' not recognized. Must be one of: 'csv' 'xlsx' Run 'qi template --help' for usage.\n", run.Err);
    }

    private async Task<string> WriteTemplateAsync(string reporter, string format)
    {
        var code = ReporterRegistry.Default.TryResolve(reporter, out var c) ? c : reporter;
        var path = Path.Combine(_folder, $"{code}-2023-template.{format}");
        var run = await Qi.RunAsync("template", "--reporter", reporter, "--period", "2023", "--format", format, "--output", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"Wrote {path}: ", run.Out, StringComparison.Ordinal);
        return path;
    }

    /// <summary>Types the values into the value column, as a reporter would in a text editor.</summary>
    private static void FillCsv(string path, Dictionary<string, decimal> values)
    {
        var lines = File.ReadAllText(path, Encoding.UTF8).Split("\r\n");
        for (var i = 0; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length == 6 && values.TryGetValue(cells[0], out var value))
            {
                cells[3] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                lines[i] = string.Join(',', cells);
            }
        }

        File.WriteAllText(path, string.Join("\r\n", lines), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }

    /// <summary>Puts numeric cells into column D of the worksheet, as Excel would save them.</summary>
    private static void FillXlsx(string path, Dictionary<string, decimal> values)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
        string xml;
        using (var reader = new StreamReader(entry.Open()))
        {
            xml = reader.ReadToEnd();
        }

        xml = Regex.Replace(xml, @"<row r=""(\d+)""><c r=""A\1"" t=""inlineStr""><is><t>([A-Z_]+)</t></is></c>(.*?)<c r=""E\1""", m =>
            values.TryGetValue(m.Groups[2].Value, out var value)
                ? m.Value.Replace($"<c r=\"E{m.Groups[1].Value}\"", $"<c r=\"D{m.Groups[1].Value}\"><v>{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v></c><c r=\"E{m.Groups[1].Value}\"", StringComparison.Ordinal)
                : m.Value);
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }
}
