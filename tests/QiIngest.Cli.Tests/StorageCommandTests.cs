using System.Diagnostics;
using System.Text.Json;
using QiIngest.Storage.Tables;
using QiIngest.Testing;

namespace QiIngest.Cli.Tests;

/// <summary><c>qi upload</c>, <c>qi status</c>, <c>qi rollup --storage</c> and <c>qi report</c> against Azurite and a running local host.</summary>
public sealed class StorageCommandTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private const string Unreachable =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    private static string Golden(string reporter, string period) =>
        Directory.EnumerateFiles(Path.Combine(SharedData.GoldenUploads, reporter, period)).Single();

    [Fact]
    public async Task Upload_GoldenReturn_WaitsForTheReceiptAndPrintsIt_Exit0()
    {
        var run = await Qi.RunAsync(pipeline.Settings, "upload", Golden("310000", "2023"), "--reporter", "Shanghai", "--period", "2023", "--timeout", "90");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"Uploaded 上海.xlsx to {pipeline.Settings["QiIngest:Storage:UploadsContainer"]}/310000/2023/上海.xlsx (5,571 bytes).\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("310000/2023/上海.xlsx: accepted", run.Out, StringComparison.Ordinal);
        Assert.Contains("reporter 310000 上海市 Shanghai · period 2023 · ", run.Out, StringComparison.Ordinal);
        Assert.Matches(@" · version 1 · processed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+8 北京时间\n", run.Out);
        Assert.Matches(@"│ IT_INSTITUTIONS +│ .+│ +[\d,]+ │ 家 +│", run.Out);
    }

    [Fact]
    public async Task Upload_SameBytesTwice_TheSecondFindsTheSameVersion()
    {
        var file = Golden("110000", "2023");
        var first = await Qi.RunAsync(pipeline.Settings, "upload", file, "-r", "110000", "-p", "2023", "--connection", Azurite.ConnectionString);
        var second = await Qi.RunAsync(pipeline.Settings, "upload", file, "-r", "110000", "-p", "2023", "--connection", Azurite.ConnectionString);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains(" · version 1 · ", second.Out, StringComparison.Ordinal);
        var ledger = new SubmissionLedger(pipeline.Storage.Submissions, TimeProvider.System);
        Assert.Equal(1, (await ledger.GetCurrentAsync("110000", "2023"))?.Version);
        Assert.Null(await ledger.GetVersionAsync("110000", "2023", 2));
    }

    [Fact]
    public async Task Upload_EarlierBytesAgainAfterACorrection_SaysTheyAreKnownAndShowsTheirReceipt()
    {
        var folder = Directory.CreateTempSubdirectory("qi-upload-").FullName;
        var file = Path.Combine(folder, "150000.csv");
        async Task<QiRun> UploadAsync(string source)
        {
            File.Copy(source, file, overwrite: true);
            return await Qi.RunAsync(pipeline.Settings, "upload", file, "-r", "150000", "-p", "2025", "--timeout", "60");
        }

        var first = await UploadAsync(Golden("150000", "2023"));
        var correction = await UploadAsync(Golden("150000", "2022"));
        var clock = Stopwatch.StartNew();
        var again = await UploadAsync(Golden("150000", "2023"));
        Directory.Delete(folder, recursive: true);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains(" · version 2 (replaces 1) · ", correction.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ IT_REVENUE +│ 检验检测营业收入 .+│ +105\.62 │ +95\.56 │ 亿元 │", correction.Out);
        Assert.Matches(@"│ CERT_FEE_RELIEF +│ .+│ +84\.00 │ +69\.00 │ 万元 │", correction.Out);
        Assert.Matches(@"│ STD_SOCIAL_ORG +│ .+│ +1,179 │ +818 │ 项 +│", correction.Out);
        Assert.DoesNotContain("10562000000", correction.Out, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains(
            "150000/2025/150000.csv: the pipeline already had these bytes for 150000 2025 (accepted, version 1), so it made no new version.",
            again.Out,
            StringComparison.Ordinal);
        Assert.Contains(" · version 1 · ", again.Out, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Upload_RejectedReturn_PrintsTheErrors_Exit1()
    {
        var run = await Qi.RunAsync(pipeline.Settings, "upload", Path.Combine(SharedData.GoldenBad, "private-gt-total.csv"), "-r", "110000", "-p", "2024");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("110000/2024/private-gt-total.csv: rejected", run.Out, StringComparison.Ordinal);
        Assert.Contains("│ row-constraint │", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_NoPipelineWatching_Exit3WhenNoReceiptComesInTime()
    {
        var run = await Qi.RunAsync(PipelineFixture.Unwatched(), "upload", Golden("120000", "2023"), "-r", "120000", "-p", "2023", "--timeout", "1");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            "No receipt for 120000/2023/天津市质量基础设施统计.csv within 1 s: is the pipeline running? Start it locally with `qi demo --keep-running`, or wait longer with --timeout.\n",
            run.Err);
    }

    [Fact]
    public async Task Upload_BadInput_Exit2WithOneLine()
    {
        var missing = await Qi.RunAsync(pipeline.Settings, "upload", "nope.csv", "-r", "110000", "-p", "2023");
        var reporter = await Qi.RunAsync(pipeline.Settings, "upload", Golden("110000", "2023"), "-r", "810000", "-p", "2023");
        var noReporter = await Qi.RunAsync(pipeline.Settings, "upload", Golden("110000", "2023"), "-p", "2023");

        Assert.Equal((2, "The file 'nope.csv' does not exist: give the path of a return (.csv, .xlsx or .json).\n"), (missing.ExitCode, missing.Err));
        Assert.Equal(
            (2, "The reporter '810000' is not one of the 31 provinces or the national administration 100000: use your six-digit GB/T 2260 code, for example 110000 for Beijing.\n"),
            (reporter.ExitCode, reporter.Err));
        Assert.Equal((2, "Option '--reporter' is required. Run 'qi upload --help' for usage.\n"), (noReporter.ExitCode, noReporter.Err));
    }

    [Fact]
    public async Task Status_ListsCurrentVersionsAndTheMissingReporters()
    {
        var tianjin = await Qi.RunAsync(pipeline.Settings, "upload", Golden("120000", "2022"), "-r", "120000", "-p", "2022");
        var hebei = await Qi.RunAsync(pipeline.Settings, "upload", Golden("130000", "2022"), "-r", "130000", "-p", "2022");
        Assert.True(tianjin.ExitCode == 0, tianjin.ToString());
        Assert.True(hebei.ExitCode == 0, hebei.ToString());

        var run = await Qi.RunAsync(pipeline.Settings, "status", "--period", "2022");
        var one = await Qi.RunAsync(pipeline.Settings, "status", "--period", "2022", "--reporter", "天津");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"│ Processed \(UTC\+8 北京时间\) +│", run.Out);
        Assert.Matches(@"│ 2022 +│ 120000 天津 Tianjin +│ +1 │ 天津市质量基础设施统计\.csv │ accepted +│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d +│ +0 │", run.Out);
        Assert.Matches(@"│ 2022 +│ 130000 河北 Hebei +│ +1 │ hebei\.csv +│ accepted +│ .+│ +0 │", run.Out);
        Assert.Contains("2022: missing 30 of 32: 110000 北京 Beijing, 140000 山西 Shanxi, ", run.Out, StringComparison.Ordinal);
        Assert.Contains(", 100000 市场监管总局 SAMR\n", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("120000 天津 Tianjin", one.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("130000", one.Out, StringComparison.Ordinal);
        Assert.Contains("2022: every expected reporter (1) has an accepted version.", one.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollupOnStorageThenReport_ShowTheNationalTableAndTheDashboardAddress()
    {
        var files = Directory.EnumerateDirectories(SharedData.GoldenUploads).Select(d => Path.GetFileName(d)).ToList();
        var uploads = await Task.WhenAll(files.Select(r => Qi.RunAsync(pipeline.Settings, "upload", Golden(r, "2023"), "-r", r, "-p", "2023")));
        Assert.All(uploads, u => Assert.True(u.ExitCode == 0, u.ToString()));

        var rollup = await Qi.RunAsync(pipeline.Settings, "rollup", "--storage", "--period", "2023");
        var report = await Qi.RunAsync(pipeline.Settings, "report", "--period", "2023");
        var json = await Qi.RunAsync(pipeline.Settings, "report", "--period", "2023", "--json");
        var saveTo = Path.Combine(Path.GetTempPath(), $"qi-dashboard-{Guid.NewGuid():N}.html");
        var open = await Qi.RunAsync(pipeline.Settings, "report", "--period", "2023", "--open", "--output", saveTo);

        Assert.True(rollup.ExitCode == 0, rollup.ToString());
        Assert.Matches(@"^Rollup: published (\d{4}, )*2023(, \d{4})*\.\n", rollup.Out);
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Matches(@"│ IT_PRIVATE_SHARE +│ .+│ +63\.47% │ % +│ +│ +31 │", report.Out);
        Assert.Contains($"Dashboard: http://127.0.0.1:10000/devstoreaccount1/{pipeline.Settings["QiIngest:Storage:ReportsContainer"]}/2023/index.html\n", report.Out, StringComparison.Ordinal);
        using var national = JsonDocument.Parse(json.Out);
        var share = national.RootElement.GetProperty("indicators").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "IT_PRIVATE_SHARE");
        Assert.Equal(63.47m, share.GetProperty("rounded").GetDecimal());
        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.True(File.Exists(saveTo));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(saveTo), StringComparison.Ordinal);
        File.Delete(saveTo);
    }

    [Fact]
    public async Task Receipt_ReturnWithWarnings_ShowsTheStoredWarningsWithRowAndColumn()
    {
        var file = Path.Combine(SharedData.GoldenBad, "missing-values.csv");
        var upload = await Qi.RunAsync(pipeline.Settings, "upload", file, "-r", "320000", "-p", "2027", "--timeout", "90");
        Assert.True(upload.ExitCode == 0, upload.ToString());

        var current = await Qi.RunAsync(pipeline.Settings, "receipt", "--reporter", "Jiangsu", "--period", "2027");
        var named = await Qi.RunAsync(pipeline.Settings, "receipt", "missing-values.csv", "-r", "320000", "-p", "2027");
        var json = await Qi.RunAsync(pipeline.Settings, "receipt", "-r", "320000", "-p", "2027", "--json");
        var status = await Qi.RunAsync(pipeline.Settings, "status", "-r", "320000", "-p", "2027");

        Assert.True(current.ExitCode == 0, current.ToString());
        Assert.StartsWith("320000/2027/missing-values.csv: accepted with warnings\n", current.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ missing-cell +│ +\d+ │ \S+ +│ .+│", current.Out);
        Assert.Matches(@"0 error\(s\), 6 warning\(s\)\.\n$", current.Out);
        Assert.DoesNotContain("Other receipts", current.Out, StringComparison.Ordinal);
        Assert.Equal(current.Out, named.Out);
        using var receipt = JsonDocument.Parse(json.Out);
        Assert.Equal("accepted-with-warnings", receipt.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("missing-cell", receipt.RootElement.GetProperty("warnings")[0].GetProperty("type").GetString());
        Assert.Contains("qi receipt --reporter CODE --period P shows a receipt's warnings and errors.\n", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receipt_NothingProcessed_Exit1WithOneLine()
    {
        var container = pipeline.Settings["QiIngest:Storage:ReceiptsContainer"];

        var none = await Qi.RunAsync(pipeline.Settings, "receipt", "-r", "460000", "-p", "2031");
        var named = await Qi.RunAsync(pipeline.Settings, "receipt", "hainan.csv", "-r", "460000", "-p", "2031");

        Assert.Equal(
            (1, $"There is no receipt for 460000 2031 in {container}/460000/2031/: nothing of theirs has been processed; upload a return with qi upload FILE --reporter 460000 --period 2031.\n"),
            (none.ExitCode, none.Err));
        Assert.Equal(
            (1, $"There is no receipt at {container}/460000/2031/hainan.csv.json: the pipeline has not processed uploads/460000/2031/hainan.csv (yet).\n"),
            (named.ExitCode, named.Err));
    }

    [Fact]
    public async Task Report_PeriodWithoutAReport_Exit1WithOneLine()
    {
        var run = await Qi.RunAsync(pipeline.Settings, "report", "--period", "2031");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("There is no report for 2031 yet: the rollup publishes reports/2031/ once a return of 2031 is accepted and the rollup has run (qi rollup --storage --period 2031, or qi demo).\n", run.Err);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("receipt", "-r", "110000", "-p", "2023")]
    [InlineData("report", "--period", "2023")]
    [InlineData("rollup", "--storage", "--period", "2023")]
    [InlineData("upload", "UPLOAD", "-r", "110000", "-p", "2023")]
    public async Task UnreachableStorage_Exit3WithOneLine_Quickly(params string[] args)
    {
        args = [.. args.Select(a => a == "UPLOAD" ? Golden("110000", "2023") : a), "--connection", Unreachable];
        var clock = Stopwatch.StartNew();

        var run = await Qi.RunAsync(args);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("Cannot reach storage at http://127.0.0.1:1/devstoreaccount1: start Azurite with `qi demo` or pass --connection.\n", run.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task BothConnectionAndAccountUrl_Exit2()
    {
        var run = await Qi.RunAsync("status", "--connection", Azurite.ConnectionString, "--account-url", "https://example.blob.core.windows.net");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Give either --connection or --account-url, not both.\n", run.Err);
    }
}
