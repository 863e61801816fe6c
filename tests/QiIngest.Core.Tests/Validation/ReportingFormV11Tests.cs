using System.Globalization;
using System.Text;
using QiIngest.Core.Normalising;
using QiIngest.Core.Receipts;
using QiIngest.Core.Tests.Reading;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Validation;

/// <summary>
/// The rules of section 12 of the reporting form v1.1, table by table. Each case gives the file and the whole outcome:
/// <c>outcome | errors | warnings | totals</c>, issues as <c>type@row:column</c> in receipt order (a run of the same
/// issue as <c>×n</c>), totals as <c>CODE=value</c> in code order. Reporter 320000 (Jiangsu), period 2023, unless a case
/// says otherwise.
/// </summary>
public class ReportingFormV11Tests
{
    /// <summary>The seven province indicators a one-indicator Jiangsu return leaves out.</summary>
    private const string Missing7 = "missing-indicator×7";

    /// <summary>The six a two-indicator return leaves out.</summary>
    private const string Missing6 = "missing-indicator×6";

    internal static string Summary(CheckResult result)
    {
        var totals = string.Join(", ", result.Totals.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={(p.Value is { } v ? Text.Format(v) : "null")}"));
        return $"{result.Outcome} | {Issues(result.Errors)} | {Issues(result.Warnings)} | {totals}";
    }

    private static string Issues(IEnumerable<Issue> issues)
    {
        var parts = new List<(string Text, int Count)>();
        foreach (var issue in issues)
        {
            var text = issue.Type + (issue.Row is { } row ? "@" + row.ToString(CultureInfo.InvariantCulture) : string.Empty) + (issue.Column is { } column ? ":" + column : string.Empty);
            if (parts.Count > 0 && parts[^1].Text == text)
            {
                parts[^1] = (text, parts[^1].Count + 1);
            }
            else
            {
                parts.Add((text, 1));
            }
        }

        return string.Join(", ", parts.Select(p => p.Count == 1 ? p.Text : $"{p.Text}×{p.Count}"));
    }

    private static string Csv(string body, string reporter = "320000") => Summary(Checks.Run(body, reporter));

    private static string Json(string body, string reporter = "320000") => Summary(Checks.Run(body, reporter, file: "r.json"));

    // ---- 5.4, 8: row-constraint compares the province values, wherever each comes from ----

    [Theory]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,10\n320100,IT_INSTITUTIONS_PRIVATE,16\n", "rejected | row-constraint |  | ")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS_PRIVATE,16\n320100,IT_INSTITUTIONS,10\n", "rejected | row-constraint |  | ")]
    [InlineData("region,indicator,value\n320100,IT_INSTITUTIONS,10\n320200,IT_INSTITUTIONS_PRIVATE,16\n", "rejected | row-constraint |  | ")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,10\n,IT_INSTITUTIONS_PRIVATE,16\n", "rejected | row-constraint@3:value |  | ")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,10\n,IT_INSTITUTIONS_PRIVATE,—\n320100,IT_INSTITUTIONS_PRIVATE,16\n", "rejected | row-constraint | missing-cell@3:value | ")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,20\n320100,IT_INSTITUTIONS_PRIVATE,16\n", "accepted-with-warnings |  | " + Missing6 + " | IT_INSTITUTIONS=20, IT_INSTITUTIONS_PRIVATE=16")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS_PRIVATE,10\n320100,IT_INSTITUTIONS,16\n", "accepted-with-warnings |  | " + Missing6 + " | IT_INSTITUTIONS=16, IT_INSTITUTIONS_PRIVATE=10")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,16\n,IT_INSTITUTIONS_PRIVATE,16\n", "accepted-with-warnings |  | " + Missing6 + " | IT_INSTITUTIONS=16, IT_INSTITUTIONS_PRIVATE=16")]
    [InlineData("region,indicator,value\n320100,IT_INSTITUTIONS,5\n320100,IT_INSTITUTIONS_PRIVATE,6\n,IT_INSTITUTIONS,100\n,IT_INSTITUTIONS_PRIVATE,50\n", "rejected | row-constraint@3:value |  | ")]
    [InlineData("region,indicator,value\n320100,IT_INSTITUTIONS,10\n320100,IT_INSTITUTIONS_PRIVATE,6\n320200,IT_INSTITUTIONS,1\n320200,IT_INSTITUTIONS_PRIVATE,6\n", "rejected | row-constraint@5:value, row-constraint |  | ")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,10\n320100,IT_INSTITUTIONS_PRIVATE,16\nx,STD_SOCIAL_ORG,abc\n", "rejected | type-error@4:value, row-constraint |  | ")]
    public void Check_RowConstraint_ComparesProvinceValuesWhereverTheyComeFrom(string csv, string expected)
    {
        Assert.Equal(expected, Csv(csv));
    }

    [Fact]
    public void Check_RowConstraintOfTotalRowAndRegionSum_SaysWhereEachValueComesFrom()
    {
        var issue = Assert.Single(Checks.Run("region,indicator,value\n,IT_INSTITUTIONS,10\n320100,IT_INSTITUTIONS_PRIVATE,16\n").Errors);

        Assert.Equal(new Issue(IssueType.RowConstraint, "IT_INSTITUTIONS_PRIVATE (16, the sum of its regions) is more than IT_INSTITUTIONS (10, the total row) for 320000: private institutions are a part of all institutions."), issue);
    }

    // ---- 6: precision; never round silently ----

    [Theory]
    [InlineData("1E-20", "0.00000000000000000001")]
    [InlineData("0.000000000000000000001亿元", "0.0000000000001")]
    [InlineData("1234567890123456789012345678", "1234567890123456789012345678")]
    [InlineData("12345678901234567890.12345678000", "12345678901234567890.12345678")]
    [InlineData("1E+27", "1000000000000000000000000000")]
    [InlineData("0.1E+28", "1000000000000000000000000000")]
    [InlineData("10000000000000000000亿元", "1000000000000000000000000000")]
    [InlineData("0E-30", "0")]
    [InlineData("0.0000000000000000000000000000000000000", "0")]
    [InlineData("4.09E+3", "4090")]
    [InlineData("4.09e3", "4090")]
    [InlineData("-0", "0")]
    public void Parse_CanonicalValueThatADecimalHoldsExactly_IsKept(string raw, string expected)
    {
        var value = CellValueParser.Parse(raw, Catalog.IndicatorCatalog.Default["IT_REVENUE"]);

        Assert.Null(value.ErrorType);
        Assert.Equal(expected, Text.Format(value.Value!.Value));
    }

    [Theory]
    [InlineData("1E-21", "'1E-21' has a digit below 10^-20, finer than a figure can keep exactly; it is not rounded silently: give at most 20 decimal places (in the canonical unit).")]
    [InlineData("0.000000000000000000001", "'0.000000000000000000001' has a digit below 10^-20, finer than a figure can keep exactly; it is not rounded silently: give at most 20 decimal places (in the canonical unit).")]
    [InlineData("1.2345678901234567890123456789", "'1.2345678901234567890123456789' has 29 significant digits, more than the 28 a figure can keep exactly; it is not rounded silently: give at most 28 significant digits.")]
    [InlineData("1E+28", "'1E+28' is too large a number to be a real figure (10^28 or more): check the cell.")]
    [InlineData("100000000000000000000亿元", "'100000000000000000000亿元' is too large a number to be a real figure (10^28 or more): check the cell.")]
    [InlineData("1234567890123456789012345678000", "'1234567890123456789012345678000' is too large a number to be a real figure (10^28 or more): check the cell.")]
    [InlineData("1E+999", "'1E+999' is too large a number to be a real figure (10^28 or more): check the cell.")]
    [InlineData("1E-999", "'1E-999' has a digit below 10^-20, finer than a figure can keep exactly; it is not rounded silently: give at most 20 decimal places (in the canonical unit).")]
    public void Parse_CanonicalValueBeyondADecimal_IsTypeError(string raw, string message)
    {
        var value = CellValueParser.Parse(raw, Catalog.IndicatorCatalog.Default["IT_REVENUE"]);

        Assert.Equal(IssueType.TypeError, value.ErrorType);
        Assert.Equal(message, value.ErrorMessage);
    }

    [Theory]
    [InlineData("""{"observations":[{"indicator":"STD_SOCIAL_ORG","value":1E-30}]}""", "rejected | type-error@1:value |  | ")]
    [InlineData("""{"observations":[{"indicator":"IT_REVENUE","value":1.00000000000000000000000000001}]}""", "rejected | type-error@1:value |  | ")]
    [InlineData("""{"observations":[{"indicator":"IT_REVENUE","value":"1e-21亿元"}]}""", "accepted-with-warnings |  | " + Missing7 + " | IT_REVENUE=0.0000000000001")]
    [InlineData("""{"observations":[{"indicator":"STD_SOCIAL_ORG","value":4.09E+3}]}""", "accepted-with-warnings |  | " + Missing7 + " | STD_SOCIAL_ORG=4090")]
    public void Check_JsonNumberBeyondADecimal_IsTypeErrorNotZero(string json, string expected)
    {
        Assert.Equal(expected, Json(json));
    }

    [Fact]
    public void Check_ExponentNotationInCsv_IsANumber()
    {
        Assert.Equal("accepted-with-warnings |  | " + Missing6 + " | IT_INSTITUTIONS=4090, IT_REVENUE=4520000000", Csv("indicator,value,unit\nIT_INSTITUTIONS,4.09E+3,家\nIT_REVENUE,4.52e5,万元\n"));
    }

    // ---- 5.4: a region cell that names a province ----

    [Theory]
    [InlineData("江苏省")]
    [InlineData("江苏")]
    [InlineData("Jiangsu")]
    [InlineData("JIANGSU")]
    [InlineData(" jiangsu ")]
    [InlineData("320000")]
    [InlineData("合计")]
    [InlineData("")]
    public void Check_RegionNamingTheReportersOwnProvince_IsTheTotalRow(string region)
    {
        var csv = $"region,indicator,value\n{region},IT_INSTITUTIONS,10\n南京市,IT_INSTITUTIONS,6\n无锡市,IT_INSTITUTIONS,4\n";

        Assert.Equal("accepted-with-warnings |  | " + Missing7 + " | IT_INSTITUTIONS=10", Csv(csv));
    }

    [Fact]
    public void Check_RegionNamingTheOwnProvinceTwice_IsADuplicateOfTheTotalRow()
    {
        Assert.Equal("rejected | duplicate-row@3:value |  | ", Csv("region,indicator,value\n,IT_INSTITUTIONS,10\nJiangsu,IT_INSTITUTIONS,10\n"));
    }

    [Theory]
    [InlineData("浙江省", "rejected | reporter-mismatch@2:region |  | ")]
    [InlineData("浙江", "rejected | reporter-mismatch@2:region |  | ")]
    [InlineData("zhejiang", "rejected | reporter-mismatch@2:region |  | ")]
    [InlineData("330000", "rejected | reporter-mismatch@2:region |  | ")]
    [InlineData("330100", "rejected | reporter-mismatch@2:region |  | ")]
    // Section 5.4 names a province by code, Chinese, common or English name: a one-character name is a region's.
    [InlineData("浙", "accepted-with-warnings |  | " + Missing7 + " | IT_INSTITUTIONS=6")]
    public void Check_RegionNamingAnotherProvince_IsReporterMismatch(string region, string expected)
    {
        Assert.Equal(expected, Csv($"region,indicator,value\n{region},IT_INSTITUTIONS,6\n"));
    }

    [Fact]
    public void Check_RegionNamingAnotherProvince_SaysWhichProvince()
    {
        var issue = Assert.Single(Checks.Run("地区,指标,数值\n浙江省,IT_INSTITUTIONS,6\n").Errors);

        Assert.Equal(new Issue(IssueType.ReporterMismatch, "The region '浙江省' names the province 330000, not 320000: a return gives the regions of its own province; upload the figures of 330000 into its own folder.", 2, "地区"), issue);
    }

    [Fact]
    public void Check_ProvincesAsRegionsOfTheNationalReturn_AreRegions()
    {
        var result = Checks.Run("region,indicator,value\n,STD_NATIONAL,100\n江苏,STD_NATIONAL,60\nZhejiang,STD_NATIONAL,40\n", reporter: "100000");

        Assert.Equal("accepted-with-warnings |  | missing-indicator×5 | STD_NATIONAL=100", Summary(result));
    }

    // ---- 8: blank templates ----

    [Theory]
    [InlineData("indicator,value\nIT_INSTITUTIONS,\nIT_REVENUE,—\n", "rejected | format-error | missing-cell@2:value, missing-cell@3:value | ")]
    [InlineData("团体标准,检验检测机构\n—,NA\n", "rejected | format-error | missing-cell@2:团体标准, missing-cell@2:检验检测机构 | ")]
    [InlineData("indicator,value\nIT_INSTITUTIONS,\nIT_REVENUE,1\n", "accepted-with-warnings |  | missing-cell@2:value, " + Missing6 + " | IT_INSTITUTIONS=null, IT_REVENUE=1")]
    [InlineData("indicator,value\nIT_INSTITUTIONS,\nNOT_AN_INDICATOR,1\n", "rejected | unknown-indicator@3:indicator | missing-cell@2:value | ")]
    [InlineData("indicator,value\nIT_INSTITUTIONS,\nIT_REVENUE,abc\n", "rejected | type-error@3:value | missing-cell@2:value | ")]
    [InlineData("indicator,value,unit\n", "rejected | format-error |  | ")]
    [InlineData("indicator,value,note\n,,a note only\n", "rejected | format-error | skipped-row@2 | ")]
    public void Check_FileWithoutAnyValue_IsFormatErrorWhenItHasNoOtherError(string csv, string expected)
    {
        Assert.Equal(expected, Csv(csv));
    }

    [Fact]
    public void Check_BlankTemplate_SaysItCannotReplaceAReturn()
    {
        var result = Checks.Run("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":null},{"indicator":"IT_REVENUE"}]}""", file: "r.json");

        Assert.Equal("rejected | format-error | missing-cell@1:value, missing-cell@2:value | ", Summary(result));
        Assert.Equal("No observation has a value (every value is empty or a missing marker): a blank template cannot replace a return; fill in the figures and upload again.", result.Errors[0].Message);
    }

    // ---- 5.1, 5.2, 8: skipped rows ----

    [Theory]
    [InlineData("region,indicator,value,note\n南京市,,,\n其中：,,,\n,,,a note\n,IT_INSTITUTIONS,10,\n", "accepted-with-warnings |  | skipped-row@2, skipped-row@3, skipped-row@4, " + Missing7 + " | IT_INSTITUTIONS=10")]
    [InlineData("province,period,indicator,value,unit\n浙江,2019,,,万元\n江苏,2023,IT_INSTITUTIONS,1,\n", "accepted-with-warnings |  | skipped-row@2, " + Missing7 + " | IT_INSTITUTIONS=1")]
    [InlineData("region,indicator,value\n330100,,\n,IT_INSTITUTIONS,1\n", "accepted-with-warnings |  | skipped-row@2, " + Missing7 + " | IT_INSTITUTIONS=1")]
    [InlineData("region,indicator,value\n南京市,,5\n,IT_INSTITUTIONS,1\n", "rejected | unknown-indicator@2:indicator |  | ")]
    [InlineData("region,indicator,value\n南京市,,—\n,IT_INSTITUTIONS,1\n", "rejected | unknown-indicator@2:indicator |  | ")]
    [InlineData("地区,团体标准,检验检测机构,备注\n南京市,,,\n,,,合计行见下\n,5,6,\n", "accepted-with-warnings |  | skipped-row@2, skipped-row@3, " + Missing6 + " | IT_INSTITUTIONS=6, STD_SOCIAL_ORG=5")]
    [InlineData("省份,团体标准,检验检测机构\n浙江,,\n江苏,5,6\n", "accepted-with-warnings |  | skipped-row@2, " + Missing6 + " | IT_INSTITUTIONS=6, STD_SOCIAL_ORG=5")]
    [InlineData("地区,团体标准,检验检测机构\n南京市,5,\n", "accepted-with-warnings |  | missing-cell@2:检验检测机构, " + Missing6 + " | IT_INSTITUTIONS=null, STD_SOCIAL_ORG=5")]
    public void Check_RowWithNeitherIndicatorNorValue_IsSkippedWithAWarning(string csv, string expected)
    {
        Assert.Equal(expected, Csv(csv));
    }

    [Fact]
    public void Check_SkippedRow_SaysWhatHappened()
    {
        var warning = Checks.Run("indicator,value,note\n,,其中：\nIT_INSTITUTIONS,1,\n").Warnings[0];

        Assert.Equal(new Issue(IssueType.SkippedRow, "Row 2 has neither an indicator nor a value; it was skipped and its other cells were not read. If it should hold a figure, fill in both.", 2), warning);
    }

    [Fact]
    public void Check_XlsxRowUnderAVerticalMerge_IsSkipped()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            XlsxBuilder.Row(1, XlsxBuilder.Inline("A1", "地区"), XlsxBuilder.Inline("B1", "指标"), XlsxBuilder.Inline("C1", "数值"))
            + XlsxBuilder.Row(2, XlsxBuilder.Inline("A2", "南京市"), XlsxBuilder.Inline("B2", "IT_INSTITUTIONS"), XlsxBuilder.Number("C2", "7"))
            + XlsxBuilder.Row(3)
            + XlsxBuilder.Row(4, XlsxBuilder.Inline("A4", "无锡市"), XlsxBuilder.Inline("B4", "IT_INSTITUTIONS"), XlsxBuilder.Number("C4", "3")),
            merges: ["A2:A3"]).Build();

        Assert.Equal("accepted-with-warnings |  | skipped-row@3, " + Missing7 + " | IT_INSTITUTIONS=10", Summary(Checks.Run(xlsx, file: "r.xlsx")));
    }

    // ---- 5.1: periods ----

    [Theory]
    [InlineData("2023", true)]
    [InlineData("2023年", true)]
    [InlineData("2023年度", true)]
    [InlineData(" ２０２３ 年度 ", true)]
    [InlineData("2023度", false)]
    [InlineData("2023年年度", false)]
    [InlineData("年度", false)]
    public void TryParseLenient_PeriodCell_AcceptsYearYearSuffixAndAnnualSuffix(string text, bool parses)
    {
        Assert.Equal(parses, Period.TryParseLenient(text, out var period));
        Assert.Equal(parses ? new Period(2023) : default, period);
    }

    [Theory]
    [InlineData("2023年度", "accepted-with-warnings |  | " + Missing7 + " | IT_INSTITUTIONS=1")]
    [InlineData("2022年度", "rejected | period-mismatch@2:统计年度 |  | ")]
    public void Check_PeriodCellWithAnnualSuffix_MeansTheYear(string period, string expected)
    {
        Assert.Equal(expected, Csv($"统计年度,indicator,value\n{period},IT_INSTITUTIONS,1\n"));
    }

    // ---- 5.3: JSON ----

    [Theory]
    [InlineData("""{"observations":[{"indicator":"IT_INSTITUTIONS"},{"indicator":"IT_REVENUE","value":null},{"indicator":"STD_SOCIAL_ORG","value":1}]}""", "accepted-with-warnings |  | missing-cell@1:value, missing-cell@2:value, missing-indicator×5 | IT_INSTITUTIONS=null, IT_REVENUE=null, STD_SOCIAL_ORG=1")]
    [InlineData("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":[1]},{"indicator":"IT_REVENUE","value":"x"}]}""", "rejected | format-error@1:value, type-error@2:value |  | ")]
    [InlineData("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":{"n":1}},{"indicator":"IT_REVENUE","value":1}]}""", "rejected | format-error@1:value |  | ")]
    [InlineData("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"note":{"a":1}},{"indicator":"IT_INSTITUTIONS","value":2,"note":["x"]}]}""", "rejected | format-error@1:note, format-error@2:note, duplicate-row@2:value |  | ")]
    [InlineData("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"note":[]},{"indicator":"IT_REVENUE","value":-1}]}""", "rejected | format-error@1:note, constraint-error@2:value |  | ")]
    [InlineData("""{"reporter":["320000"],"observations":[{"indicator":"IT_INSTITUTIONS","value":"x"}]}""", "rejected | format-error:reporter, type-error@1:value |  | ")]
    [InlineData("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1},{"indicator":"IT_INSTITUTIONS","value":2},{"indicator":"IT_REVENUE","value":1,"value":2},{"indicator":"STD_SOCIAL_ORG","value":"x"}]}""", "rejected | format-error@3:value |  | ")]
    [InlineData("""{"reporter":"320000","reporter":"330000","observations":[{"indicator":"IT_INSTITUTIONS","value":1}]}""", "rejected | format-error:reporter |  | ")]
    [InlineData("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"extra":{"a":1,"a":2}}]}""", "rejected | format-error@1:a | extra-label@1:extra | ")]
    [InlineData("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"Value":2}]}""", "accepted-with-warnings |  | " + Missing7 + " | IT_INSTITUTIONS=1")]
    public void Check_JsonValueShapesAndMemberNames_AsSection53(string json, string expected)
    {
        Assert.Equal(expected, Json(json));
    }

    [Fact]
    public void Check_JsonDuplicateMember_SaysWhichMember()
    {
        var issue = Assert.Single(Checks.Run("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"value":2}]}""", file: "r.json").Errors);

        Assert.Equal(new Issue(IssueType.FormatError, "An object has the member \"value\" twice: give each member once.", 1, "value"), issue);
    }

    // ---- 7: CSV that is not RFC 4180; a lone CR ends a line ----

    [Theory]
    [InlineData("indicator,value\nIT_INSTITUTIONS,1\nIT_RE\"VENUE,2\nSTD_SOCIAL_ORG,x\n", "rejected | format-error@3 |  | ")]
    [InlineData("indicator,value\n\"IT_INSTITUTIONS\"x,1\n", "rejected | format-error@2 |  | ")]
    [InlineData("indicator,value\n\"IT_INSTITUTIONS\" ,1\n", "rejected | format-error@2 |  | ")]
    [InlineData("indicator,value\n \"IT_INSTITUTIONS\",1\n", "rejected | format-error@2 |  | ")]
    [InlineData("indicator,value\nIT_INSTITUTIONS,1\nIT_REVENUE,\"2\nSTD_SOCIAL_ORG,1\n", "rejected | format-error@3 |  | ")]
    [InlineData("indicator,value,note\nIT_INSTITUTIONS,1,\"a\nb\"\nIT_REVENUE,2,x\"y\n", "rejected | format-error@4 |  | ")]
    [InlineData("indicator,value\nIT_INSTITUTIONS,1\nIT_INSTITUTIONS,2\nSTD_SOCIAL_ORG,x\nIT_REVENUE,\"1\"2\n", "rejected | type-error@4:value, format-error@5 |  | ")]
    [InlineData("indicator,value,note\n\"IT_INSTITUTIONS\",\"1,892\",\"say \"\"hi\"\"\r\nthere\"\nIT_REVENUE,x,\n", "rejected | type-error@4:value |  | ")]
    [InlineData("indicator,value\rIT_INSTITUTIONS,1\rIT_REVENUE,x\r", "rejected | type-error@3:value |  | ")]
    [InlineData("indicator,value\rIT_INSTITUTIONS,1\r\nIT_REVENUE,2\r", "accepted-with-warnings |  | " + Missing6 + " | IT_INSTITUTIONS=1, IT_REVENUE=2")]
    [InlineData("indicator,value\n\"\",\"\"\nIT_INSTITUTIONS,\"1\"\n", "accepted-with-warnings |  | " + Missing7 + " | IT_INSTITUTIONS=1")]
    public void Check_CsvQuotes_AsRfc4180(string csv, string expected)
    {
        Assert.Equal(expected, Csv(csv));
    }

    [Theory]
    [InlineData("indicator,value\nIT_RE\"VENUE,2\n", "The record that starts on line 2 has a quote inside a field that does not start with one, so it is not a CSV (RFC 4180): put the whole field in quotes and write the quote as \"\", or remove it.")]
    [InlineData("indicator,value\n\"IT_REVENUE\"x,2\n", "The record that starts on line 2 has text after the closing quote of a field, so it is not a CSV (RFC 4180): a quoted field ends at its closing quote; write a quote inside a field as \"\".")]
    [InlineData("indicator,value\nIT_REVENUE,\"2\n", "The record that starts on line 2 opens a quote that is never closed, so the rest of the file is one field (RFC 4180): close the quote, or write a quote inside a field as \"\".")]
    public void Check_CsvNotRfc4180_SaysWhatIsWrongAndWhere(string csv, string message)
    {
        Assert.Equal(new Issue(IssueType.FormatError, message, 2), Assert.Single(Checks.Run(csv).Errors));
    }

    [Fact]
    public void Check_CsvRowOfMoreThan16MiCharacters_IsRejectedNotThrown()
    {
        var csv = "indicator,value,note\nIT_INSTITUTIONS,1,\nIT_REVENUE,2," + new string('x', 17 << 20) + "\n";

        var result = Checks.Run(csv);

        Assert.Equal("rejected | format-error@3 |  | ", Summary(result));
        Assert.Equal("The record that starts on line 3 is longer than 16,777,216 characters: a quote that is never closed makes the rest of the file one field. Close the quote (a quote inside a field is written \"\"), or export the file again as CSV.", result.Errors[0].Message);
    }

    [Fact]
    public void Check_UnterminatedQuoteBefore17MiBOfText_IsFormatErrorAtTheRecordsFirstLine()
    {
        var csv = new StringBuilder("indicator,value,note\nIT_INSTITUTIONS,1,\nIT_INSTITUTIONS,1,\nIT_REVENUE,2,\"oops\n");
        while (csv.Length < 17 << 20)
        {
            csv.Append("STD_SOCIAL_ORG,1,more text\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var result = Checks.Run(stream);

        // Reading stopped: the duplicate found before is a check across rows and is left out (section 9).
        Assert.Equal("rejected | format-error@4 |  | ", Summary(result));
    }

    // ---- 9: what stops reading; what a rejected receipt leaves out ----

    [Theory]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,1\n,IT_INSTITUTIONS,2\nr,STD_SOCIAL_ORG,x\n,IT_REVENUE,1\n,IT_INSTITUTIONS_PRIVATE,9\n", "rejected | type-error@4:value, limit-exceeded@6 |  | ")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,1\n,IT_INSTITUTIONS_PRIVATE,2\n,IT_REVENUE,1\n,STD_SOCIAL_ORG,1\n,STD_SOCIAL_ORG,1\n", "rejected | limit-exceeded@6 |  | ")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,1\n,IT_INSTITUTIONS,2\nr,STD_SOCIAL_ORG,x\n", "rejected | duplicate-row@3:value, type-error@4:value |  | ")]
    public void Check_LimitStopsReading_ChecksAcrossRowsAreNotRun(string csv, string expected)
    {
        Assert.Equal(expected, Summary(Checks.Run(csv, limits: IngestLimits.Default with { MaxDataRows = 4 })));
    }

    [Fact]
    public void Check_EncodingErrorStopsReading_ChecksAcrossRowsAreNotRun()
    {
        var head = new StringBuilder("region,indicator,value\n,IT_INSTITUTIONS,1\n,IT_INSTITUTIONS_PRIVATE,2\n");
        for (var i = 0; i < 20_000; i++)
        {
            head.Append('r').Append(i).Append(",IT_REVENUE,1\n");
        }

        // A UTF-16 file (BOM) with a lone surrogate far beyond the first buffer.
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(head.ToString()), 0x00, 0xD8, 0x41, 0x00];

        Assert.Equal("rejected | encoding-error |  | ", Summary(Checks.Run(bytes)));
    }

    [Theory]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,100\n320100,IT_INSTITUTIONS,60\n,IT_REVENUE,abc\n", "rejected | type-error@4:value |  | ")]
    [InlineData("indicator,value\nIT_INSTITUTIONS,—\nIT_REVENUE,约5\n", "rejected | approximate-value@3:value | missing-cell@2:value | ")]
    [InlineData("indicator,value\n", "rejected | format-error |  | ")]
    [InlineData("region,indicator,value\n,IT_INSTITUTIONS,100\n320100,IT_INSTITUTIONS,60\n", "accepted-with-warnings |  | total-mismatch@2, " + Missing7 + " | IT_INSTITUTIONS=100")]
    public void Check_RejectedReceipt_LeavesOutFileLevelWarnings(string csv, string expected)
    {
        Assert.Equal(expected, Csv(csv));
    }

    [Fact]
    public void Check_RejectedReceipt_LeavesOutYoyOutlierToo()
    {
        var previous = new Dictionary<string, decimal?> { ["IT_INSTITUTIONS"] = 1000m };

        var result = Checks.Run("indicator,value\nIT_INSTITUTIONS,1600\nIT_REVENUE,x\n", previous: previous);

        Assert.Equal("rejected | type-error@3:value |  | ", Summary(result));
    }

    [Theory]
    [InlineData("province,indicator,value,unit\n浙江,STD_NATIONAL,x,元\n", "320000", "rejected | wrong-reporter@2:value |  | ")]
    [InlineData("period,region,indicator,value\n2019,330100,MET_CMC,-1\n", "320000", "rejected | wrong-reporter@2:value |  | ")]
    [InlineData("province,indicator,value,unit\n浙江,IT_INSTITUTIONS,x,元\n", "320000", "rejected | reporter-mismatch@2:province, type-error@2:value |  | ")]
    [InlineData("region,indicator,value\n北京,IT_INSTITUTIONS,x\n,IT_INSTITUTIONS,1\n", "100000", "rejected | wrong-reporter@2:value, wrong-reporter@3:value |  | ")]
    public void Check_WrongReporterIndicator_ItsCellsAreNotCheckedFurther(string csv, string reporter, string expected)
    {
        Assert.Equal(expected, Csv(csv, reporter));
    }

    [Fact]
    public void Receipt_OfAFileNotRead_HasNoSha256AndOfAnyOtherHasIt()
    {
        using var tooLarge = new MemoryStream(Encoding.UTF8.GetBytes("indicator,value\nIT_INSTITUTIONS,1\n"));
        var over = Checks.Run(tooLarge, limits: IngestLimits.Default with { MaxFileBytes = 10 });
        var empty = Checks.Run(string.Empty);
        var accepted = Checks.Run("indicator,value\nIT_INSTITUTIONS,1\n");

        Assert.Equal("rejected | limit-exceeded |  | ", Summary(over));
        Assert.False(over.FileWasRead);
        Assert.Null(Receipt.From(over, "ab12").Sha256);
        Assert.Equal("ab12", Receipt.From(empty, "ab12").Sha256);
        Assert.Equal("ab12", Receipt.From(accepted, "ab12").Sha256);
        Assert.Null(Receipt.From(CheckResult.Rejected("320000", "2023", "x.csv", []), "ab12").Sha256);
    }

    [Fact]
    public void Check_Totals_ListOnlyTheIndicatorsTheFileNames()
    {
        var result = Checks.Run("indicator,value\nIT_INSTITUTIONS,1\nIT_REVENUE,—\n");

        Assert.Equal(new Dictionary<string, decimal?> { ["IT_INSTITUTIONS"] = 1m, ["IT_REVENUE"] = null }, result.Totals);
    }

    // ---- 5.2, 5.5: already right under v1, pinned ----

    [Theory]
    [InlineData("检验检测营业收入(单位：万元),IT_INSTITUTIONS\n100,5\n")]
    [InlineData("检验检测营业收入（单位：万元）,IT_INSTITUTIONS\n100,5\n")]
    [InlineData("检验检测营业收入(单位:万元),IT_INSTITUTIONS\n100,5\n")]
    [InlineData("检验检测营业收入(万元),IT_INSTITUTIONS\n100,5\n")]
    public void Check_HeaderUnitWithUnitWord_AppliesToTheColumn(string csv)
    {
        Assert.Equal("accepted-with-warnings |  | " + Missing6 + " | IT_INSTITUTIONS=5, IT_REVENUE=1000000", Csv(csv));
    }

    [Fact]
    public void Check_UnitColumnInWideLayout_AppliesToItsRow()
    {
        var csv = "地区,单位,检验检测营业收入,认证小微企业融资授信\n南京市,万元,100,2\n无锡市,亿元,1,3\n苏州市,,5,7\n";

        Assert.Equal("accepted-with-warnings |  | " + Missing6 + " | CERT_CREDIT_SUPPORT=300020007, IT_REVENUE=101000005", Csv(csv));
    }

    [Theory]
    [InlineData("11.000000000000002", "11")]
    [InlineData("2488.0000000000005", "2488")]
    [InlineData("4.09E+3", "4090")]
    public void Check_NumericXlsxCell_IsRoundedTo15SignificantDigits(string stored, string expected)
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1",
            XlsxBuilder.Row(1, XlsxBuilder.Inline("A1", "indicator"), XlsxBuilder.Inline("B1", "value"))
            + XlsxBuilder.Row(2, XlsxBuilder.Inline("A2", "IT_INSTITUTIONS"), XlsxBuilder.Number("B2", stored))).Build();

        Assert.Equal($"accepted-with-warnings |  | {Missing7} | IT_INSTITUTIONS={expected}", Summary(Checks.Run(xlsx, file: "r.xlsx")));
    }
}
