using System.Text;
using QiIngest.Core.Reading;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Reading;

public class CsvReturnTests
{
    private const string Long = "indicator,value,unit\nIT_INSTITUTIONS,1892,家\nIT_REVENUE,18.92,亿元\n";

    [Fact]
    public void Check_Utf8WithoutBom_Reads()
    {
        Assert.Equal(1_892_000_000m, Checks.Run(Long).Totals["IT_REVENUE"]);
    }

    [Fact]
    public void Check_Utf8WithBom_Reads()
    {
        Assert.Equal(1892m, Checks.Run(Long, encoding: new UTF8Encoding(true)).Totals["IT_INSTITUTIONS"]);
    }

    [Fact]
    public void Check_Utf16LittleEndianWithBom_Reads()
    {
        Assert.Equal(1892m, Checks.Run(Long, encoding: new UnicodeEncoding(false, true)).Totals["IT_INSTITUTIONS"]);
    }

    [Fact]
    public void Check_Utf16BigEndianWithBom_Reads()
    {
        Assert.Equal(1892m, Checks.Run(Long, encoding: new UnicodeEncoding(true, true)).Totals["IT_INSTITUTIONS"]);
    }

    [Fact]
    public void Check_Gb18030_ReadsChineseHeadersAndUnits()
    {
        var result = Checks.Run("指标名称,数值,计量单位\n检验检测机构,1892,家\n检验检测营业收入,189200,万元\n", encoding: TextDecoding.Gb18030);

        Assert.Equal(Outcome.AcceptedWithWarnings, result.Outcome);
        Assert.Equal(1_892_000_000m, result.Totals["IT_REVENUE"]);
    }

    [Fact]
    public void Check_Gb18030AfterLongAsciiPrefix_StillDetectedByWholeFileScan()
    {
        var ascii = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"IT_INSTITUTIONS,{i},\n"));
        var bytes = Encoding.ASCII.GetBytes("region,indicator,value,note\n").Concat(Encoding.ASCII.GetBytes(ascii.Replace("IT_INSTITUTIONS,", "r,IT_INSTITUTIONS,", StringComparison.Ordinal))).ToArray();
        var tail = TextDecoding.Gb18030.GetBytes("南京市,IT_INSTITUTIONS,1,备注\n");

        var result = Checks.Run([.. bytes, .. tail]);

        Assert.DoesNotContain(result.Errors, e => e.Type == IssueType.EncodingError);
    }

    [Fact]
    public void Check_InvalidUtf16_IsEncodingError()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("indicator,value\n"), 0x00, 0xD8, 0x41, 0x00];

        var result = Checks.Run(bytes);

        Assert.Equal(IssueType.EncodingError, Assert.Single(result.Errors).Type);
    }

    [Fact]
    public void Check_BytesInvalidInGb18030_IsEncodingError()
    {
        // Not UTF-8 (0xFF), and 0xFF is not a GB18030 lead byte.
        byte[] bytes = [.. Encoding.ASCII.GetBytes("indicator,value\nIT_INSTITUTIONS,1"), 0xFF, 0xFF, .. "\n"u8];

        var result = Checks.Run(bytes);

        Assert.Equal("The file has bytes that are not valid in its encoding (0xFF): save it as UTF-8 (or GB18030) and upload again.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Check_NulCharacter_IsFormatError()
    {
        var result = Checks.Run("indicator,value\nIT_INSTITUTIONS,1\0\n");

        Assert.Equal(new Issue(IssueType.FormatError, "The file contains a NUL character (U+0000), so it is not a text CSV: export it again as CSV from your spreadsheet.") { MessageZh = "文件含有 NUL 字符（U+0000），不是文本 CSV：请从电子表格重新导出为 CSV。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_QuotedFieldsAndCrlf_ReadAsRfc4180()
    {
        var result = Checks.Run("indicator,value,note\r\n\"IT_INSTITUTIONS\",\"1,892\",\"a \"\"quoted\"\", note\r\nover two lines\"\r\n");

        Assert.Equal(1892m, result.Totals["IT_INSTITUTIONS"]);
    }

    [Fact]
    public void Check_EmptyFile_IsFormatError()
    {
        Assert.Equal("The file is empty: upload the return with a header row and its data.", Assert.Single(Checks.Run(string.Empty).Errors).Message);
    }

    [Fact]
    public void Check_HeaderOnly_IsFormatErrorNoObservations()
    {
        Assert.Equal("The file has a header but no observations: fill in the figures below the header.", Assert.Single(Checks.Run("indicator,value,unit\n").Errors).Message);
    }

    [Fact]
    public void Check_NoHeaderRow_IsFormatError()
    {
        var result = Checks.Run("foo,bar\n1,2\n");

        Assert.Equal(new Issue(IssueType.FormatError, "No header row was found: the header must name at least two columns of the form (indicator, value, unit …) or indicators of the catalog.") { MessageZh = "未找到表头行：表头至少要有两个报表列名（指标、数值、单位……）或指标目录中的指标。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_TitleRowsUnitDefaultAndFootnote_AsSection55()
    {
        var csv = "江苏省质量基础设施统计（2023年）,,\n（单位：万元）,,\n填表单位：江苏省市场监督管理局,,\n指标,数值,备注\n检验检测营业收入,4521400,\n检验检测机构,4090,\n注：本表数据为初步统计。,,\nIT_INSTITUTIONS_PRIVATE,99999,\n";

        var result = Checks.Run(csv);

        Assert.Equal(45_214_000_000m, result.Totals["IT_REVENUE"]);
        Assert.Equal(4090m, result.Totals["IT_INSTITUTIONS"]);
        Assert.False(result.Totals.ContainsKey("IT_INSTITUTIONS_PRIVATE"));
    }

    [Fact]
    public void Check_TitleYear_IsNotAPeriod()
    {
        var result = Checks.Run("2022年统计表,,\nindicator,value,unit\nIT_INSTITUTIONS,1892,家\n");

        Assert.DoesNotContain(result.Errors, e => e.Type == IssueType.PeriodMismatch);
    }

    [Fact]
    public void Check_WideLayoutWithHeaderUnits_Reads()
    {
        var result = Checks.Run("省份,年度,团体标准（项）,检验检测营业收入(亿元),IT_INSTITUTIONS (家)\n江苏,2023年,\"2,488\",452.14,4090\n");

        Assert.Equal(2488m, result.Totals["STD_SOCIAL_ORG"]);
        Assert.Equal(45_214_000_000m, result.Totals["IT_REVENUE"]);
        Assert.Equal(4090m, result.Totals["IT_INSTITUTIONS"]);
    }

    [Fact]
    public void Check_RegionDetailWithTotalRow_TotalWinsAndMismatchWarns()
    {
        var result = Checks.Run("地区代码,地区,指标,数值\n320000,合计,IT_INSTITUTIONS,100\n320100,南京市,IT_INSTITUTIONS,60\n320200,无锡市,IT_INSTITUTIONS,30\n");

        Assert.Equal(100m, result.Totals["IT_INSTITUTIONS"]);
        var warning = Assert.Single(result.Warnings, w => w.Type == IssueType.TotalMismatch);
        Assert.Equal("The total of IT_INSTITUTIONS (100) differs from the sum of its regions (90); the total row is used: check both.", warning.Message);
        Assert.Equal(2, warning.Row);
    }

    [Fact]
    public void Check_RegionDetailWithinTolerance_NoMismatch()
    {
        var result = Checks.Run("地区,指标,数值,单位\n全省,IT_REVENUE,1000.04,万元\n南京市,IT_REVENUE,600.02,万元\n无锡市,IT_REVENUE,400,万元\n");

        Assert.DoesNotContain(result.Warnings, w => w.Type == IssueType.TotalMismatch);
        Assert.Equal(10_000_400m, result.Totals["IT_REVENUE"]);
    }

    [Fact]
    public void Check_RegionDetailWithoutTotalRow_SumsRegionsLeavingMissingOut()
    {
        var result = Checks.Run("region_code,indicator,value\n320100,IT_INSTITUTIONS,60\n320200,IT_INSTITUTIONS,—\n320300,IT_INSTITUTIONS,30\n");

        Assert.Equal(90m, result.Totals["IT_INSTITUTIONS"]);
        Assert.Contains(result.Warnings, w => w.Type == IssueType.MissingCell && w.Row == 3);
    }

    [Fact]
    public void Check_RegionOfAnotherProvince_IsRejected()
    {
        var result = Checks.Run("region,indicator,value\n330100,IT_INSTITUTIONS,60\n");

        Assert.Equal(new Issue(IssueType.ReporterMismatch, "The region 330100 is not in 320000: a region code starts with the province's first two digits (32).", 2, "region") { MessageZh = "地区 330100 不属于 320000：本省地区代码以省代码前两位（32）开头。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_RateWithRegions_IsConstraintError()
    {
        var result = Checks.Run("region,indicator,value\n北京,STD_INTL_CONVERSION_RATE,80\n", reporter: "100000");

        Assert.Contains(result.Errors, e => e.Type == IssueType.ConstraintError && e.Message == "STD_INTL_CONVERSION_RATE is a rate, which may not have region rows: give only the total.");
    }

    [Fact]
    public void Check_ExtraColumn_WarnsAndIgnores()
    {
        var result = Checks.Run("indicator,value,unit,填报人\nIT_INSTITUTIONS,1892,家,张三\n");

        Assert.Equal(new Issue(IssueType.ExtraLabel, "The column '填报人' is not a column of the form or an indicator of the catalog; it was ignored.", 1, "填报人") { MessageZh = "列“填报人”既不是报表的列，也不是指标目录中的指标，已忽略。" }, Assert.Single(result.Warnings, w => w.Type == IssueType.ExtraLabel));
        Assert.True(result.IsAccepted);
    }

    [Fact]
    public void Check_IndicatorByCodeAndNameInOneRow_MustAgree()
    {
        var agree = Checks.Run("指标代码,指标名称,数值\nIT_INSTITUTIONS,检验检测机构,1892\n");
        var disagree = Checks.Run("指标代码,指标名称,数值\nIT_INSTITUTIONS,团体标准,1892\n");

        Assert.True(agree.IsAccepted);
        Assert.Equal("'团体标准' names STD_SOCIAL_ORG but the same row also names IT_INSTITUTIONS: give one indicator per row.", Assert.Single(disagree.Errors).Message);
    }

    [Fact]
    public void Check_ProvinceColumnByName_MatchesPath()
    {
        Assert.True(Checks.Run("省(区、市),indicator,value\n江苏省,IT_INSTITUTIONS,1\n").IsAccepted);
        Assert.True(Checks.Run("province,indicator,value\njiangsu,IT_INSTITUTIONS,1\n").IsAccepted);
        Assert.True(Checks.Run("province,indicator,value\n苏,IT_INSTITUTIONS,1\n").IsAccepted);
    }

    [Fact]
    public void Check_ShanxiAndShaanxi_AreDistinct()
    {
        Assert.True(Checks.Run("province,indicator,value\nShanxi,IT_INSTITUTIONS,1\n", reporter: "140000").IsAccepted);
        Assert.Equal(IssueType.ReporterMismatch, Checks.Run("province,indicator,value\nShaanxi,IT_INSTITUTIONS,1\n", reporter: "140000").Errors[0].Type);
    }

    [Fact]
    public void Check_MissingIndicators_Warn()
    {
        var result = Checks.Run("indicator,value\nIT_INSTITUTIONS,1\n");

        Assert.Equal(7, result.Warnings.Count(w => w.Type == IssueType.MissingIndicator));
        Assert.Contains(new Issue(IssueType.MissingIndicator, "STD_SOCIAL_ORG (团体标准) is not in the return: 320000 is expected to report it.") { MessageZh = "报表中没有 STD_SOCIAL_ORG（团体标准）：320000 应报送该指标。" }, result.Warnings);
    }

    [Fact]
    public void Check_YoyOutlierAgainstPreviousPeriod_Warns()
    {
        var previous = new Dictionary<string, decimal?> { ["IT_INSTITUTIONS"] = 1000m, ["IT_REVENUE"] = 100m };

        var result = Checks.Run("indicator,value\nIT_INSTITUTIONS,1600\nIT_REVENUE,140\n", previous: previous);

        Assert.Equal(new Issue(IssueType.YoyOutlier, "IT_INSTITUTIONS changed by +60.0% against 2022 (1,000 家 → 1,600 家): check the figure; if it is right, no action is needed.") { MessageZh = "IT_INSTITUTIONS 比 2022 年变化了 +60.0%（1,000 家 → 1,600 家）：请核实该数字；如无误，无需处理。" }, Assert.Single(result.Warnings, w => w.Type == IssueType.YoyOutlier));
    }

    [Fact]
    public void Check_YoyOutlierOfMoney_GivesBothValuesInTheDisplayUnitAndKeepsTheExactTotal()
    {
        var previous = new Dictionary<string, decimal?> { ["IT_REVENUE"] = 24_508_000_000m };

        var result = Checks.Run("indicator,value,unit\nIT_REVENUE,312000,万元\n", previous: previous);

        Assert.Equal(
            new Issue(IssueType.YoyOutlier, "IT_REVENUE changed by -87.3% against 2022 (245.08 亿元 → 31.20 亿元): check the figure; if it is right, no action is needed.")
            {
                MessageZh = "IT_REVENUE 比 2022 年变化了 -87.3%（245.08 亿元 → 31.20 亿元）：请核实该数字；如无误，无需处理。",
            },
            Assert.Single(result.Warnings, w => w.Type == IssueType.YoyOutlier));
        Assert.Equal(3_120_000_000m, result.Totals["IT_REVENUE"]);
    }

    [Fact]
    public void Check_YoyOutlierUnderOneYi_GivesBothValuesInWan()
    {
        var previous = new Dictionary<string, decimal?> { ["IT_REVENUE"] = 80_000_000m };

        var result = Checks.Run("indicator,value\nIT_REVENUE,1234500\n", previous: previous);

        Assert.Contains("(8,000.00 万元 → 123.45 万元)", Assert.Single(result.Warnings, w => w.Type == IssueType.YoyOutlier).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AllEmptyRows_AreSkipped()
    {
        var result = Checks.Run(",,\nindicator,value,unit\n,,\nIT_INSTITUTIONS,1892,家\n , ,\n");

        Assert.Equal(1, result.ObservationCount);
    }

    [Fact]
    public void Check_ManyErrors_ListsTheFirst200AndCountsAll()
    {
        var csv = "indicator,value,region\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"IT_INSTITUTIONS,x,南京{i}\n"));

        var result = Checks.Run(csv);

        Assert.Equal(200, result.Errors.Count);
        Assert.Equal(500, result.ErrorCount);
    }
}
