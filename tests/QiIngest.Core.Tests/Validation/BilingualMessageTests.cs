using System.IO.Compression;
using System.Text;
using QiIngest.Core.Receipts;
using QiIngest.Core.Tests.Reading;
using static QiIngest.Core.Tests.Reading.XlsxBuilder;

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

    /// <summary>Workbooks that reach every message of the XLSX reader: the zip, its parts, the sheet's rows and cells, the limits.</summary>
    public static TheoryData<string> Workbooks() => [.. XlsxCases().Keys];

    [Theory]
    [MemberData(nameof(Workbooks))]
    public void Check_EveryXlsxIssue_HasAChineseMessage(string name)
    {
        var (bytes, limits) = XlsxCases()[name];

        var result = Checks.Run(bytes, file: "r.xlsx", limits: limits);

        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors.Concat(result.Warnings), i => Assert.True(HasChinese(i.MessageZh), $"{name}: {i.Type}: {i.Message}"));
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

    /// <summary>Whether the text has a CJK ideograph: a Chinese message, not a copy of the English one.</summary>
    internal static bool HasChinese(string? text) => text is not null && text.Any(c => c is >= '\u4E00' and <= '\u9FFF');

    private static Dictionary<string, (byte[] Bytes, IngestLimits? Limits)> XlsxCases()
    {
        var header = Row(1, Inline("A1", "indicator"), Inline("B1", "value"));
        byte[] Sheet(string rows, string[]? merges = null) => new XlsxBuilder().Sheet("Sheet1", header + rows, merges).Build();
        var good = Sheet(Row(2, Inline("A2", "IT_INSTITUTIONS"), Number("B2", "1")));
        return new(StringComparer.Ordinal)
        {
            ["not a zip"] = ("not a zip archive"u8.ToArray(), null),
            ["no workbook"] = (new XlsxBuilder().Sheet("Sheet1", header).Without("xl/workbook.xml").Build(), null),
            ["no workbook relationships"] = (new XlsxBuilder().Sheet("Sheet1", header).Without("xl/_rels/workbook.xml.rels").Build(), null),
            ["sheet part missing"] = (new XlsxBuilder().Sheet("Sheet1", header).Without("xl/worksheets/sheet1.xml").Build(), null),
            ["broken xml"] = (new XlsxBuilder().Sheet("Sheet1", header).Part("xl/worksheets/sheet1.xml", "<worksheet><sheetData>").Build(), null),
            ["dtd"] = (new XlsxBuilder().Sheet("Sheet1", header).Part("xl/worksheets/sheet1.xml", "<!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>").Build(), null),
            ["rows out of order"] = (Sheet(Row(3, Inline("A3", "IT_INSTITUTIONS")) + Row(2, Inline("A2", "IT_REVENUE"))), null),
            ["bad row number"] = (Sheet("<row r=\"x\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c></row>"), null),
            ["bad cell reference"] = (Sheet(Row(2, Inline("A2", "IT_INSTITUTIONS"), "<c r=\"2B\"><v>1</v></c>")), null),
            ["shared string out of range"] = (Sheet(Row(2, Inline("A2", "IT_INSTITUTIONS"), "<c r=\"B2\" t=\"s\"><v>9</v></c>")), null),
            ["bad merge"] = (Sheet(Row(2, Inline("A2", "IT_INSTITUTIONS"), Number("B2", "1")), ["A1:?"]), null),
            ["date-formatted value"] = (new XlsxBuilder().Styles([14]).Sheet("Sheet1", header + Row(2, Inline("A2", "IT_INSTITUTIONS"), Number("B2", "75", 0))).Build(), null),
            ["too many entries"] = (good, IngestLimits.Default with { MaxXlsxEntries = 3 }),
            ["declared size over the limit"] = (good, IngestLimits.Default with { MaxXlsxUncompressedBytes = 100 }),
            ["too many rows"] = (Sheet(string.Concat(Enumerable.Range(2, 1002).Select(r => Row(r, Inline($"A{r}", "IT_INSTITUTIONS"), Number($"B{r}", "1"))))), IngestLimits.Default with { MaxDataRows = 1 }),
            ["stored uncompressed, cell errors"] = (new XlsxBuilder().Sheet("Sheet1", header + Row(2, Inline("A2", "团体标谁"), Number("B2", "1")) + Row(3, Inline("A3", "IT_REVENUE"), Inline("B3", "约5"))).Build(CompressionLevel.NoCompression), null),
        };
    }
}
