using System.Text;
using QiIngest.Core.Receipts;

namespace QiIngest.Core.Tests.Validation;

/// <summary>Every message the checker writes into a receipt is there in English and in Chinese (issue 12, item 3).</summary>
public class BilingualMessageTests
{
    public static TheoryData<string, string, string> Returns() => new()
    {
        { "indicator,value,unit,填报人\nIT_INSTITUTIONS,约5,家,x\nIT_INSTITUTIONS,1,万元,\nIT_REVENUE,1,kg,\nIT_REVENUE,5万圆,,\n团体标谁,1,,\n", "320000", "r.csv" },
        { "指标代码,指标名称,数值\nIT_INSTITUTIONS,团体标准,1\n,,5\nIT_INSTITUTIONS,1.5,\nIT_INSTITUTIONS,-1,\nIT_REVENUE,1,5,\nIT_REVENUE,\"1,5\",\nIT_REVENUE,1E+40,\n", "320000", "r.csv" },
        { "province,period,region,indicator,value\n浙江,2019,,IT_INSTITUTIONS,1\n江苏生,2023,330100,IT_INSTITUTIONS,1\n,,浙江省,IT_REVENUE,1\n,,,STD_NATIONAL,1\n,,,IT_INSTITUTIONS_PRIVATE,5\n,,,IT_INSTITUTIONS,1\n,,,IT_INSTITUTIONS,1\n,,南京市,,\n", "320000", "r.csv" },
        { "region,indicator,value\n北京,STD_INTL_CONVERSION_RATE,80\n,STD_INTL_CONVERSION_RATE,180\n,IT_INSTITUTIONS,1\n", "100000", "r.csv" },
        { "region,indicator,value\n,IT_INSTITUTIONS,100\n南京市,IT_INSTITUTIONS,10\n,IT_REVENUE,—\n", "320000", "r.csv" },
        { "indicator,value\nIT_INSTITUTIONS,—\n", "320000", "r.csv" },
        { "indicator,value\n", "320000", "r.csv" },
        { "", "320000", "r.csv" },
        { "foo,bar\n1,2\n", "320000", "r.csv" },
        { "indicator,value\nIT_RE\"VENUE,2\n", "320000", "r.csv" },
        { "indicator,value\n\"IT_REVENUE\"x,2\n", "320000", "r.csv" },
        { "indicator,value\nIT_REVENUE,\"2\n", "320000", "r.csv" },
        { "indicator,value\nIT_INSTITUTIONS,1\0\n", "320000", "r.csv" },
        { """{"reporter":[1],"x":1,"observations":[1,{"indicator":"IT_INSTITUTIONS","value":[1],"y":2},{"value":1},{"indicator":"IT_REVNUE","value":1}]}""", "320000", "r.json" },
        { """{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"value":2}]}""", "320000", "r.json" },
        { """{"observations":[}""", "320000", "r.json" },
        { """{"observations":""", "320000", "r.json" },
        { "[1]", "320000", "r.json" },
        { "{}", "320000", "r.json" },
        { """{"observations":{}}""", "320000", "r.json" },
        { new string('[', 100) + new string(']', 100), "320000", "r.json" },
    };

    [Theory]
    [MemberData(nameof(Returns))]
    public void Check_EveryIssue_HasAChineseMessage(string content, string reporter, string file)
    {
        var result = Checks.Run(content, reporter, file: file);

        Assert.NotEmpty(result.Errors.Concat(result.Warnings));
        Assert.All(result.Errors.Concat(result.Warnings), i => Assert.True(HasChinese(i.MessageZh), $"{i.Type}: {i.Message}"));
    }

    [Theory]
    [InlineData("32000", "2023", "r.csv")]
    [InlineData("320000", "23", "r.csv")]
    [InlineData("320000", "2023", "r.txt")]
    public void Parse_PathErrors_HaveAChineseMessage(string reporter, string period, string file)
    {
        Assert.All(UploadPath.Parse(reporter, period, file, Catalog.ReporterRegistry.Default).Errors, i => Assert.True(HasChinese(i.MessageZh), i.Message));
        Assert.All(UploadPath.Parse("stray.csv", Catalog.ReporterRegistry.Default).Errors, i => Assert.True(HasChinese(i.MessageZh), i.Message));
    }

    [Fact]
    public void Check_LimitsAndEncoding_HaveAChineseMessage()
    {
        var rows = Checks.Run("indicator,value\nIT_INSTITUTIONS,1\nIT_REVENUE,1\n", limits: IngestLimits.Default with { MaxDataRows = 1 });
        var size = Checks.Run("indicator,value\nIT_INSTITUTIONS,1\n", limits: IngestLimits.Default with { MaxFileBytes = 10 });
        var json = Checks.Run("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1},{"indicator":"IT_REVENUE","value":1}]}""", file: "r.json", limits: IngestLimits.Default with { MaxDataRows = 1 });
        var encoding = Checks.Run([.. Encoding.ASCII.GetBytes("indicator,value\nIT_INSTITUTIONS,1"), 0xFF, 0xFF, .. "\n"u8]);
        var previous = Checks.Run("indicator,value\nIT_INSTITUTIONS,1600\n", previous: new Dictionary<string, decimal?> { ["IT_INSTITUTIONS"] = 1000m });

        Assert.All(new[] { rows, size, json, encoding, previous }.SelectMany(r => r.Errors.Concat(r.Warnings)), i => Assert.True(HasChinese(i.MessageZh), i.Message));
    }

    [Fact]
    public void Receipt_CarriesBothMessages()
    {
        var receipt = Receipt.From(Checks.Run("indicator,value\nIT_INSTITUTIONS,x\n"), "ab");

        var json = Encoding.UTF8.GetString(ReceiptJson.Serialize(receipt));

        Assert.Contains("\"message\": \"'x' is not a number: give digits with '.' as the decimal mark, for example 1234.5.\"", json, StringComparison.Ordinal);
        Assert.Contains("\"messageZh\": \"“x”不是数字：请填写数字，小数点用“.”，例如 1234.5。\"", json, StringComparison.Ordinal);
        Assert.Equal(receipt.Errors, ReceiptJson.Deserialize(Encoding.UTF8.GetBytes(json)).Errors);
    }

    private static bool HasChinese(string? text) => text is not null && text.Any(c => c is >= '\u4E00' and <= '\u9FFF');
}
