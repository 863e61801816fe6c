using QiIngest.Core.Catalog;
using QiIngest.Core.Normalising;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Validation;

/// <summary>"Did you mean": names that do not resolve get the nearest codes, names and aliases (issue 12, item 4).</summary>
public class DidYouMeanTests
{
    [Theory]
    [InlineData("团体标谁", "团体标准", 1)]
    [InlineData("标准团体", "团体标准", 4)]
    [InlineData("abdc", "abcd", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "abc", 0)]
    public void Distance_CountsEditsOfCharacters(string a, string b, int expected)
    {
        Assert.Equal(expected, NearestNames.Distance(a, b, limit: 10));
    }

    [Fact]
    public void Distance_PastTheLimit_StopsAtLimitPlusOne()
    {
        Assert.Equal(3, NearestNames.Distance("abcdefgh", "zyxwvuts", limit: 2));
    }

    [Theory]
    [InlineData("团体标谁", "STD_SOCIAL_ORG (团体标准)")]
    [InlineData("IT_INSTITUTION", "IT_INSTITUTIONS (检验检测机构)")]
    [InlineData("it_instutitions", "IT_INSTITUTIONS (检验检测机构)")]
    [InlineData("检验检测机够", "IT_INSTITUTIONS (检验检测机构)")]
    [InlineData("民营检验检测机构数量", "IT_INSTITUTIONS_PRIVATE (民营检验检测机构)")]
    [InlineData("Inspection and testing revenues", "IT_REVENUE (检验检测营业收入)")]
    [InlineData("国家标谁", "STD_NATIONAL (国家标准)")]
    [InlineData("xyz", "")]
    [InlineData("人口", "")]
    public void Nearest_IndicatorName_SuggestsTheCatalogEntry(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" | ", IndicatorCatalog.Default.Nearest.Find(text)));
    }

    [Theory]
    [InlineData("江苏生", "江苏省 (320000)")]
    [InlineData("Jiangsuu", "江苏省 (320000)")]
    [InlineData("Shanxii", "山西省 (140000)")]
    [InlineData("Shaanxii", "陕西省 (610000)")]
    [InlineData("32000", "江苏省 (320000)")]
    [InlineData("市场监管局", "国家市场监督管理总局 (100000)")]
    [InlineData("810000", "")]
    [InlineData("Atlantis", "")]
    public void Nearest_ReporterName_SuggestsTheReporter(string text, string expected)
    {
        Assert.Equal(expected, string.Join(" | ", ReporterRegistry.Default.Nearest.Find(text)));
    }

    [Fact]
    public void Check_UnknownIndicator_SuggestsTheNearestName()
    {
        var result = Checks.Run("indicator,value\n团体标谁,5\n");

        Assert.Equal(new Issue(IssueType.UnknownIndicator, "'团体标谁' is not an indicator of the catalog: did you mean STD_SOCIAL_ORG (团体标准)? Otherwise use a code such as IT_INSTITUTIONS, or its Chinese or English name.", 2, "indicator") { MessageZh = "“团体标谁”不是指标目录中的指标：是否指 STD_SOCIAL_ORG (团体标准)？否则请使用指标代码（如 IT_INSTITUTIONS）或其中文、英文名称。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_UnknownIndicatorInJson_SuggestsTheNearestName()
    {
        var result = Checks.Run("""{"observations":[{"indicator":"IT_REVENU","value":5}]}""", file: "r.json");

        Assert.Equal(new Issue(IssueType.UnknownIndicator, "'IT_REVENU' is not an indicator of the catalog: did you mean IT_REVENUE (检验检测营业收入)? Otherwise use a code such as IT_INSTITUTIONS, or its Chinese or English name.", 1, "indicator") { MessageZh = "“IT_REVENU”不是指标目录中的指标：是否指 IT_REVENUE (检验检测营业收入)？否则请使用指标代码（如 IT_INSTITUTIONS）或其中文、英文名称。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_UnknownIndicatorWithNothingNear_KeepsThePlainHint()
    {
        var result = Checks.Run("indicator,value\nGDP,5\n");

        Assert.Equal("'GDP' is not an indicator of the catalog: use a code such as IT_INSTITUTIONS, or its Chinese or English name.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Check_UnknownColumn_SuggestsTheNearestColumnName()
    {
        var result = Checks.Run("指标名称,数值,备住\nIT_INSTITUTIONS,1,x\n");

        Assert.Equal(new Issue(IssueType.ExtraLabel, "The column '备住' is not a column of the form or an indicator of the catalog; it was ignored: did you mean 备注?", 1, "备住") { MessageZh = "列“备住”既不是报表的列，也不是指标目录中的指标，已忽略：是否指 备注？" }, result.Warnings[0]);
    }

    [Fact]
    public void Check_MisspeltIndicatorColumnInWideLayout_SuggestsTheIndicator()
    {
        var result = Checks.Run("团体标准,检验检测营业收入,检验检测机够\n5,6,7\n");

        Assert.Equal("The column '检验检测机够' is not a column of the form or an indicator of the catalog; it was ignored: did you mean IT_INSTITUTIONS (检验检测机构)?", result.Warnings[0].Message);
    }

    [Fact]
    public void Check_UnknownReporterInProvinceColumn_SuggestsTheReporter()
    {
        var result = Checks.Run("province,indicator,value\n江苏生,IT_INSTITUTIONS,1\n");

        Assert.Equal(new Issue(IssueType.ReporterMismatch, "The file names the reporter '江苏生' but was uploaded for 320000: upload it into the folder of the reporter it belongs to, or correct the province column ('江苏生' is not a reporter of the form: did you mean 江苏省 (320000)?)", 2, "province") { MessageZh = "文件写的报送单位是“江苏生”，却上传到了 320000 的文件夹：请上传到所属报送单位的文件夹，或更正 province 列（“江苏生”不是报表的报送单位：是否指 江苏省 (320000)？）" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Parse_UnknownReporterInPath_SuggestsTheReporter()
    {
        var result = UploadPath.Parse("32000", "2023", "r.csv", ReporterRegistry.Default);

        Assert.Equal("The reporter '32000' is not one of the 31 provinces or the national administration 100000: did you mean 江苏省 (320000)? Use your six-digit GB/T 2260 code, for example 110000 for Beijing.", Assert.Single(result.Errors).Message);
    }

    [Theory]
    [InlineData("万圆", "The unit column says '万圆', which is not a unit of the form: IT_REVENUE is money (元, 万元, 亿元); did you mean 万元?")]
    [InlineData("亿圆", "The unit column says '亿圆', which is not a unit of the form: IT_REVENUE is money (元, 万元, 亿元); did you mean 亿元?")]
    [InlineData("美元", "The unit column says '美元', which is not a unit of the form: IT_REVENUE is money (元, 万元, 亿元).")]
    public void Parse_UnknownUnit_SuggestsTheOneNearestUnitOfTheKind(string unit, string message)
    {
        var value = CellValueParser.Parse("18", IndicatorCatalog.Default["IT_REVENUE"], new(unit));

        Assert.Equal(IssueType.UnitError, value.ErrorType);
        Assert.Equal(message, value.ErrorMessage);
    }

    [Fact]
    public void Parse_UnknownUnitInTheCell_SuggestsTheNearestUnit()
    {
        var value = CellValueParser.Parse("5万圆", IndicatorCatalog.Default["IT_REVENUE"]);

        Assert.Equal("'5万圆' is not a number: '万圆' after the number is not a unit of the form (元, 万元, 亿元, 家, 个, 项, 件, %); did you mean 万元?", value.ErrorMessage);
    }

    [Fact]
    public void Check_ManyUnknownIndicators_EveryListedErrorSuggests()
    {
        var csv = "indicator,value,region\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"团体标谁,1,r{i}\n"));

        var result = Checks.Run(csv);

        Assert.Equal(300, result.ErrorCount);
        Assert.All(result.Errors, e => Assert.Contains("did you mean STD_SOCIAL_ORG (团体标准)?", e.Message, StringComparison.Ordinal));
    }
}
