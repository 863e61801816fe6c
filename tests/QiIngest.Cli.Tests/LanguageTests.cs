using System.Globalization;
using System.Reflection;
using QiIngest.Cli.Texts;
using QiIngest.Core.Validation;
using QiIngest.Testing;

namespace QiIngest.Cli.Tests;

/// <summary>Help, hints and messages in Chinese and English: <c>--lang zh|en</c>, else the system's UI language (issue 12, item 3).</summary>
public sealed class LanguageTests
{
    private static readonly CultureInfo ChinaCulture = CultureInfo.GetCultureInfo("zh-CN");

    private static string Golden(string reporter, string period) =>
        Directory.EnumerateFiles(Path.Combine(SharedData.GoldenUploads, reporter, period)).Single();

    [Fact]
    public async Task Help_LangZh_IsChinese()
    {
        var run = await Qi.RunAsync("--lang", "zh", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("qi：离线检查质量基础设施统计报表，上传报表并查看回执", run.Out, StringComparison.Ordinal);
        Assert.Contains("退出码：0 完成（已接收，有无警告均可）", run.Out, StringComparison.Ordinal);
        Assert.Contains("帮助和提示的语言：zh（中文）或 en（English）", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("check quality-infrastructure returns offline", run.Out, StringComparison.Ordinal);
        // System.CommandLine's own headings follow the language too.
        Assert.DoesNotContain("Usage:", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Options:", run.Out, StringComparison.Ordinal);
        Assert.StartsWith("说明:\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("-?, -h, --help  显示帮助和用法", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_LangEn_IsEnglish()
    {
        var run = await Qi.RunAsync(null, ChinaCulture, "--help", "--lang", "en");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("qi: check quality-infrastructure returns offline", run.Out, StringComparison.Ordinal);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains("--lang <zh|en>", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("离线检查", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-TW", true)]
    [InlineData("zh", true)]
    [InlineData("en-US", false)]
    [InlineData("de-DE", false)]
    [InlineData("", false)]
    public async Task Help_WithoutLang_FollowsTheSystemLanguage(string culture, bool chinese)
    {
        var run = await Qi.RunAsync(null, CultureInfo.GetCultureInfo(culture), "check", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(chinese, run.Out.Contains("像流水线一样离线检查一份报表", StringComparison.Ordinal));
        Assert.Equal(!chinese, run.Out.Contains("Check a return offline, as the pipeline would", StringComparison.Ordinal));
        Assert.Equal(chinese, run.Out.Contains("报送单位：六位 GB/T 2260 代码", StringComparison.Ordinal));
    }

    [Fact]
    public void For_ProcessCulture_IsTheCurrentUiCulture()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = ChinaCulture;
            Assert.Same(CliTexts.Chinese, CliTexts.For([], CliContext.ForProcess().UiCulture));
            Assert.Same(CliTexts.English, CliTexts.For(["--lang=en"], CliContext.ForProcess().UiCulture));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Same(CliTexts.English, CliTexts.For(["status"], CliContext.ForProcess().UiCulture));
            Assert.Same(CliTexts.Chinese, CliTexts.For(["status", "--lang", "zh"], CliContext.ForProcess().UiCulture));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task Check_LangZh_ShowsTheReceiptInChinese()
    {
        var run = await Qi.RunAsync("check", Path.Combine(SharedData.GoldenBad, "negative.csv"), "-r", "320000", "-p", "2023", "--lang", "zh");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("negative.csv: 被拒收\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("报送单位 320000 江苏省 Jiangsu · 统计期 2023 · ", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"│ constraint-error │ +2 │ value +│ “-3”是负数：QI_SERVICE_STATIONS 不能小于 0。 │", run.Out);
        Assert.Contains("1 个错误，0 个警告。", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("is negative", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Json_IsTheSameInBothLanguages()
    {
        var file = Path.Combine(SharedData.GoldenBad, "negative.csv");

        var zh = await Qi.RunAsync("check", file, "-r", "320000", "-p", "2023", "--json", "--lang", "zh");
        var en = await Qi.RunAsync("check", file, "-r", "320000", "-p", "2023", "--json", "--lang", "en");

        Assert.Equal(en.Out, zh.Out);
        Assert.Contains("\"messageZh\": \"“-3”是负数：QI_SERVICE_STATIONS 不能小于 0。\"", zh.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageErrors_LangZh_AreChinese()
    {
        var missing = await Qi.RunAsync("check", "nope.csv", "-r", "110000", "-p", "2023", "--lang", "zh");
        var reporter = await Qi.RunAsync(null, ChinaCulture, "status", "--reporter", "999999");
        var unknown = await Qi.RunAsync("check", Golden("110000", "2023"), "-r", "110000", "-p", "2023", "--jsn", "--lang", "zh");
        var language = await Qi.RunAsync("check", "nope.csv", "-r", "110000", "-p", "2023", "--lang", "fr");

        Assert.Equal((2, "文件“nope.csv”不存在：请给出报表的路径（.csv、.xlsx 或 .json）。\n"), (missing.ExitCode, missing.Err));
        Assert.Equal((2, "报送单位“999999”不是 31 个省份之一，也不是国家局 100000：请用六位 GB/T 2260 代码（如 110000）或名称（如 北京）。\n"), (reporter.ExitCode, reporter.Err));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--jsn", unknown.Err, StringComparison.Ordinal);
        Assert.EndsWith("用法请运行“qi check --help”。\n", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(2, language.ExitCode);
        Assert.Contains("fr", language.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ChineseTexts_EveryTextIsChinese_AndEveryEnglishTextIsWritten()
    {
        foreach (var member in typeof(CliTexts).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            // LocaliseHelp rewrites System.CommandLine's text (Help_LangZh_IsChinese shows it).
            if (member.Name is nameof(CliTexts.Code) or nameof(CliTexts.Culture) or nameof(CliTexts.LocaliseHelp) || member is MethodInfo { IsSpecialName: true })
            {
                continue;
            }

            var zh = Text(CliTexts.Chinese, member);
            var en = Text(CliTexts.English, member);
            Assert.True(zh.Any(c => c is >= '\u4E00' and <= '\u9FFF'), $"{member.Name}: {zh}");
            Assert.False(string.IsNullOrWhiteSpace(en), member.Name);
            Assert.NotEqual(en, zh);
        }
    }

    /// <summary>A text of <paramref name="texts"/>: the property's value, or the method's with sample arguments.</summary>
    private static string Text(CliTexts texts, MemberInfo member) => member switch
    {
        PropertyInfo property => (string)property.GetValue(texts)!,
        MethodInfo method => (string)method.Invoke(texts, [.. method.GetParameters().Select(p => Sample(p.ParameterType))])!,
        _ => throw new InvalidOperationException(member.Name),
    };

    private static object? Sample(Type type) =>
        type == typeof(string) ? "x"
        : type == typeof(int) || type == typeof(int?) ? 2
        : type == typeof(bool) ? true
        : type == typeof(IReadOnlyList<string>) ? new[] { "2023" }
        : type == typeof(Issue) ? new Issue(IssueType.TypeError, "m", 1, "c") { MessageZh = "中文" }
        : throw new InvalidOperationException(type.Name);
}
