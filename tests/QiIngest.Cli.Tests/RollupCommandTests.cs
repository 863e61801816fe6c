using System.Text.Json;
using QiIngest.Testing;

namespace QiIngest.Cli.Tests;

public sealed class RollupCommandTests
{
    [Fact]
    public async Task Rollup_GoldenFolderJson_PublishesTheBriefingFigures()
    {
        var run = await Qi.RunAsync("rollup", SharedData.GoldenUploads, "--period", "2023", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var rollup = JsonDocument.Parse(run.Out);
        Assert.Equal("final", rollup.RootElement.GetProperty("status").GetString());
        var figures = rollup.RootElement.GetProperty("indicators").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
        Assert.Equal(45.3m, figures["STD_SOCIAL_ORG"].GetProperty("yoyRounded").GetDecimal());
        Assert.Equal(74240m, figures["STD_SOCIAL_ORG"].GetProperty("value").GetDecimal());
        Assert.Equal(63.47m, figures["IT_PRIVATE_SHARE"].GetProperty("rounded").GetDecimal());
        Assert.Equal(471236000000m, figures["IT_REVENUE"].GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Rollup_GoldenFolderTable_ShowsUnitsAPersonExpects()
    {
        var run = await Qi.RunAsync("rollup", SharedData.GoldenUploads, "--period", "2023");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("全国质量基础设施统计 2023 · National quality infrastructure statistics 2023\n正式数 final · 32/32 reporters", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ STD_SOCIAL_ORG +│ .+│ +74,240 │ 项 +│ \+45\.3% │ +31 │", run.Out);
        Assert.Matches(@"│ IT_REVENUE +│ .+│ 4,712\.36 │ 亿元 │ \+10\.2% │ +31 │", run.Out);
        Assert.Matches(@"│ CERT_FEE_RELIEF +│ .+│ 3,986\.00 │ 万元 │ \+27\.6% │ +31 │", run.Out);
        Assert.Matches(@"│ IT_PRIVATE_SHARE +│ .+│ +63\.47% │ % +│ +│ +31 │", run.Out);
        Assert.Contains("Group standards +45.3% on 2022; private institutions are 63.47% of all inspection and testing institutions.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollup_FileInsteadOfAFolder_Exit2SayingItIsAFile()
    {
        var file = Directory.EnumerateFiles(Path.Combine(SharedData.GoldenUploads, "110000", "2023")).Single();

        var run = await Qi.RunAsync("rollup", file, "--period", "2023");

        Assert.Equal(
            (2, $"'{file}' is a file, not a folder: give a folder laid out as {{reporter}}/{{period}}/{{file}}, or check one file with qi check FILE --reporter CODE --period 2023.\n"),
            (run.ExitCode, run.Err));
    }

    [Fact]
    public async Task Rollup_MissingFolder_Exit2WithOneLine()
    {
        var run = await Qi.RunAsync("rollup", "/no/such/folder", "--period", "2023");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("The folder '/no/such/folder' to roll up does not exist: give a folder laid out as {reporter}/{period}/{file}.\n", run.Err);
    }

    [Fact]
    public async Task Rollup_NeitherFolderNorStorage_Exit2()
    {
        var run = await Qi.RunAsync("rollup", "--period", "2023");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Give the folder to roll up (qi rollup DIR --period P), or --storage to roll up what storage holds.\n", run.Err);
    }

    [Fact]
    public async Task Rollup_BadPeriod_Exit2()
    {
        var run = await Qi.RunAsync("rollup", SharedData.GoldenUploads, "--period", "FY23");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("The period 'FY23' is not a year YYYY from 2000 to 2100: give it like --period 2023.\n", run.Err);
    }
}
