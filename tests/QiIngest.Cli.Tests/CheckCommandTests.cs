using System.Security.Cryptography;
using System.Text.Json;
using QiIngest.Testing;

namespace QiIngest.Cli.Tests;

public sealed class CheckCommandTests
{
    private static string Golden(string reporter, string period) =>
        Directory.EnumerateFiles(Path.Combine(SharedData.GoldenUploads, reporter, period)).Single();

    [Fact]
    public async Task Check_GoldenReturnJson_Exit0WithTheReceiptAndExactTotals()
    {
        var file = Golden("110000", "2023");

        var run = await Qi.RunAsync("check", file, "--reporter", "110000", "--period", "2023", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Err);
        using var receipt = JsonDocument.Parse(run.Out);
        var root = receipt.RootElement;
        Assert.Equal("110000", root.GetProperty("reporter").GetString());
        Assert.Equal("2023", root.GetProperty("period").GetString());
        Assert.Equal("qi-beijing.csv", root.GetProperty("file").GetString());
        Assert.Equal("accepted", root.GetProperty("outcome").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), root.GetProperty("sha256").GetString());
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedData.Golden, "expected", "province-totals.json")));
        var totals = root.GetProperty("totals").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());
        var want = expected.RootElement.GetProperty("2023").GetProperty("110000").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());
        Assert.Equal(want.OrderBy(p => p.Key), totals.OrderBy(p => p.Key));
        Assert.Equal(165.33e8m, totals["IT_REVENUE"]);
    }

    [Fact]
    public async Task Check_EveryGoldenBadFile_ExitsAsTheManifestSays()
    {
        var manifest = File.ReadAllLines(Path.Combine(SharedData.GoldenBad, "manifest.csv")).Skip(1).Select(l => l.Split(','));
        foreach (var (file, reporter, period, outcome, types) in manifest.Select(m => (m[0], m[1], m[2], m[3], m[4])))
        {
            var run = await Qi.RunAsync("check", Path.Combine(SharedData.GoldenBad, file), "-r", reporter, "-p", period, "--json");

            Assert.True(run.ExitCode == (outcome == "rejected" ? 1 : 0), $"{file}: {run}");
            using var receipt = JsonDocument.Parse(run.Out);
            Assert.Equal(outcome, receipt.RootElement.GetProperty("outcome").GetString());
            var found = receipt.RootElement.GetProperty(outcome == "rejected" ? "errors" : "warnings").EnumerateArray().Select(i => i.GetProperty("type").GetString()).ToHashSet();
            Assert.True(types.Split('|').All(found.Contains), $"{file}: expected {types}, found {string.Join('|', found)}");
        }
    }

    [Fact]
    public async Task Check_WithoutJson_ShowsOutcomeTotalsWithUnitsAndIssuesWithRowAndColumn()
    {
        var accepted = await Qi.RunAsync("check", Golden("110000", "2023"), "-r", "Beijing", "-p", "2023");
        var rejected = await Qi.RunAsync("check", Path.Combine(SharedData.GoldenBad, "negative.csv"), "-r", "320000", "-p", "2023");

        Assert.Equal(0, accepted.ExitCode);
        Assert.StartsWith("qi-beijing.csv: accepted\n", accepted.Out, StringComparison.Ordinal);
        Assert.Contains("reporter 110000 北京市 Beijing · period 2023 · 8 observations", accepted.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ IT_REVENUE +│ 检验检测营业收入 Inspection and testing revenue +│ +165\.33 │ 亿元 │", accepted.Out);
        Assert.Matches(@"│ CERT_FEE_RELIEF +│ .+│ +134\.00 │ 万元 │", accepted.Out);
        Assert.Matches(@"│ STD_SOCIAL_ORG +│ .+│ +4,318 │ 项 +│", accepted.Out);
        Assert.Equal(1, rejected.ExitCode);
        Assert.StartsWith("negative.csv: rejected\n", rejected.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ constraint-error │ +2 │ value +│ '-3' is negative: QI_SERVICE_STATIONS cannot be below 0\. │", rejected.Out);
        Assert.Contains("1 error(s), 0 warning(s).", rejected.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownReporterAndBadPeriod_AreAPathErrorReceipt_Exit1()
    {
        var run = await Qi.RunAsync("check", Golden("110000", "2023"), "--reporter", "999999", "--period", "23", "--json");

        Assert.Equal(1, run.ExitCode);
        using var receipt = JsonDocument.Parse(run.Out);
        Assert.Equal("rejected", receipt.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, receipt.RootElement.GetProperty("sha256").ValueKind);
        Assert.Equal(
            ["path-error", "path-error"],
            receipt.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(
            "The reporter '999999' is not one of the 31 provinces or the national administration 100000: use your six-digit GB/T 2260 code, for example 110000 for Beijing.",
            receipt.RootElement.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Check_MissingReporter_Exit2WithOneLineThatSaysWhatToDo()
    {
        var run = await Qi.RunAsync("check", Golden("110000", "2023"), "--period", "2023");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("Option '--reporter' is required. Run 'qi check --help' for usage.\n", run.Err);
    }

    [Fact]
    public async Task Check_MissingFile_Exit2WithOneLine()
    {
        var run = await Qi.RunAsync("check", "no-such-return.csv", "--reporter", "110000", "--period", "2023");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("The file 'no-such-return.csv' does not exist: give the path of a return (.csv, .xlsx or .json).\n", run.Err);
    }

    [Fact]
    public async Task Check_FolderAsFile_Exit2SayingItIsAFolder()
    {
        var folder = Path.Combine(SharedData.GoldenUploads, "110000", "2023");

        var check = await Qi.RunAsync("check", folder, "--reporter", "110000", "--period", "2023");
        var upload = await Qi.RunAsync("upload", folder, "--reporter", "110000", "--period", "2023");

        Assert.Equal((2, $"'{folder}' is a folder, not a file: give the path of a return in it (.csv, .xlsx or .json).\n"), (check.ExitCode, check.Err));
        Assert.Equal((2, check.Err), (upload.ExitCode, upload.Err));
    }

    [Fact]
    public async Task ExitCodes_HelpAndTheCliReadmeSayTheSame()
    {
        var help = await Qi.RunAsync("--help");
        var readme = File.ReadAllText(Path.Combine(Azurite.RepositoryRoot(), "src", "QiIngest.Cli", "README.md"));

        Assert.Equal(0, help.ExitCode);
        Assert.Contains(ExitCodes.Summary, string.Join(' ', help.Out.Split('\n', StringSplitOptions.TrimEntries)), StringComparison.Ordinal);
        Assert.Contains(ExitCodes.Summary, string.Join(' ', readme.Split('\n', StringSplitOptions.TrimEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownOption_Exit2WithOneLine()
    {
        var run = await Qi.RunAsync("check", Golden("110000", "2023"), "-r", "110000", "-p", "2023", "--jsn");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Unrecognized command or argument '--jsn'. Run 'qi check --help' for usage.\n", run.Err);
    }

    [Theory]
    [InlineData("check", "--reporter")]
    [InlineData("rollup", "--storage")]
    [InlineData("upload", "--timeout")]
    [InlineData("status", "--account-url")]
    [InlineData("receipt", "--reporter")]
    [InlineData("report", "--open")]
    [InlineData("template", "--format")]
    [InlineData("demo", "--keep-running")]
    public async Task Help_OnEveryCommand_Exit0AndListsItsOptions(string command, string option)
    {
        var run = await Qi.RunAsync(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"qi {command}", run.Out, StringComparison.Ordinal);
        Assert.Contains(option, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_Exit2()
    {
        var run = await Qi.RunAsync("chek");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Unrecognized command or argument 'chek'. Run 'qi --help' for usage.\n", run.Err);
    }
}
