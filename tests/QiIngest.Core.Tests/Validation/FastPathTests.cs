using System.Globalization;
using System.Text;
using System.Text.Json;
using QiIngest.Core.Catalog;
using QiIngest.Core.Reading;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Validation;

/// <summary>
/// The checker's fast paths (a CSV record without quotes copied once, region cells and indicator names remembered from
/// the rows before) against the slow paths they replace, on generated returns: the results must be the same, exactly.
/// </summary>
public class FastPathTests
{
    private static readonly string[] Regions =
    [
        "区县000001", "区县000002", " 区县000003 ", "区县000004", "Ｎａｎｓｈａ区", "Nansha区", "nansha区", "合计", "全省", "",
        "440100", "440000", "320100", "江苏省", "广东省", "Guangdong", "  ", "南山区", "南山区", "南山区",
    ];

    private static readonly string[] Indicators =
    [
        "团体标准", "检验检测机构", "民营检验检测机构", "检验检测营业收入", "获认可合格评定机构", "质量基础设施一站式服务站",
        "认证小微企业融资授信", "减免认证费用", "国际标准转化率", " 检验检测机构 ", "STD_SOCIAL_ORG", "IT_INSTITUTIONS", "不存在的指标",
        "国家标准",
    ];

    private static readonly string[] Values =
    [
        "12", "0", "350", "4521.5", "1.25万", "3亿", "1,234", "1,23", "１２３", "—", "", "NA", "约100", "-5", "12.50", "abc",
        "99.9", "101", "7e3", "0.000001", "123456789012345678901234567890",
    ];

    private static readonly string[] Units = ["家", "个", "项", "万元", "亿元", "元", "%", "", "公斤", " 家 ", "万家"];

    [Fact]
    public void CsvGridReader_GeneratedRecords_FastPathGivesTheFieldsOfTheSlowPath()
    {
        var random = new Random(20261202);
        var expected = new List<string?[]>();
        var text = new StringBuilder();
        for (var record = 0; record < 3_000; record++)
        {
            var fields = new string?[random.Next(1, 9)];
            var raw = new string[fields.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                var field = RandomText(random, quotable: random.Next(4) == 0);
                var quoted = field.AsSpan().ContainsAny(",\"\n") || random.Next(10) == 0;
                raw[i] = quoted ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
                fields[i] = field.Length == 0 ? null : field;
            }

            expected.Add(fields);
            text.Append(string.Join(',', raw)).Append(random.Next(3) == 0 ? "\r\n" : "\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var fast = ReadAll(bytes, fastPath: true);
        var slow = ReadAll(bytes, fastPath: false);

        Assert.Equal(expected.Count, fast.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(slow[i].Number, fast[i].Number);
            Assert.Equal(slow[i].Cells, fast[i].Cells);
            Assert.Equal(expected[i], fast[i].Cells);
        }
    }

    [Fact]
    public void CheckAsync_GeneratedReturns_FastPathsGiveTheSlowPathsResultAndObservations()
    {
        var random = new Random(13);
        for (var file = 0; file < 40; file++)
        {
            var csv = RandomReturn(random, rows: random.Next(1, 400), withNotes: file % 3 == 0);
            var (fast, fastObservations) = Check(csv, fastPaths: true);
            var (slow, slowObservations) = Check(csv, fastPaths: false);

            Assert.Equal(JsonSerializer.Serialize(slow), JsonSerializer.Serialize(fast));
            Assert.Equal(slowObservations, fastObservations);
        }
    }

    [Fact]
    public void CheckAsync_PairRowsInAnyOrder_EachRegionWithMorePrivateThanAllIsOneRowConstraintAtItsSecondRow()
    {
        var random = new Random(7);
        var rows = new List<(string Region, bool Private, string Value)>();
        var expected = new List<int>();
        for (var region = 0; region < 300; region++)
        {
            var all = random.Next(5) == 0 ? "—" : random.Next(0, 50).ToString(CultureInfo.InvariantCulture);
            var part = random.Next(5) == 0 ? "—" : random.Next(0, 50).ToString(CultureInfo.InvariantCulture);
            rows.Add(($"区县{region:D6}", true, part));
            rows.Add(($"区县{region:D6}", false, all));
        }

        // Shuffled: a pair's second row may come right after its first or hundreds of rows later.
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        var seen = new Dictionary<string, string>();
        for (var i = 0; i < shuffled.Count; i++)
        {
            var (region, isPrivate, value) = shuffled[i];
            if (!seen.TryGetValue(region, out var first))
            {
                seen[region] = value;
                continue;
            }

            var (p, all) = isPrivate ? (value, first) : (first, value);
            if (p != "—" && all != "—" && int.Parse(p, CultureInfo.InvariantCulture) > int.Parse(all, CultureInfo.InvariantCulture))
            {
                expected.Add(i + 2);
            }
        }

        var csv = "地区,指标,数值,单位\n" + string.Concat(shuffled.Select(r => $"{r.Region},{(r.Private ? "民营检验检测机构" : "检验检测机构")},{r.Value},家\n"));
        var result = Checks.Run(csv, reporter: "440000");

        Assert.InRange(expected.Count, 1, IssueCollector.MaxListed - 1);
        Assert.Equal(expected, result.Errors.Where(e => e.Type == IssueType.RowConstraint && e.Row is not null).Select(e => e.Row!.Value));
    }

    private static List<(int Number, string?[] Cells)> ReadAll(byte[] bytes, bool fastPath)
    {
        using var stream = new MemoryStream(bytes);
        return [.. CsvGridReader.Read(stream, fastPath).Select(row => (row.Number, row.Cells))];
    }

    private static (CheckResult Result, List<Observation> Observations) Check(string csv, bool fastPaths)
    {
        var path = UploadPath.Parse("440000", "2023", "return.csv", ReporterRegistry.Default).Path!;
        var checker = new ReturnChecker(IndicatorCatalog.Default, ReporterRegistry.Default, IngestLimits.Default) { FastPaths = fastPaths };
        var sink = new ListSink();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var result = checker.CheckAsync(stream, path, sink: sink).GetAwaiter().GetResult();
        return (result, sink.Observations);
    }

    /// <summary>A long-layout return of random rows, with runs of one region (as real files have) and repeats.</summary>
    private static string RandomReturn(Random random, int rows, bool withNotes)
    {
        var text = new StringBuilder(withNotes ? "地区,指标,数值,单位,备注\n" : "地区,指标,数值,单位\n");
        var region = Pick(random, Regions);
        for (var i = 0; i < rows; i++)
        {
            if (random.Next(4) == 0)
            {
                region = random.Next(3) == 0 ? Pick(random, Regions) : $"区县{random.Next(0, 60):D6}";
            }

            text.Append(Csv(region)).Append(',').Append(Csv(Pick(random, Indicators))).Append(',').Append(Csv(Pick(random, Values))).Append(',').Append(Csv(Pick(random, Units)));
            if (withNotes)
            {
                text.Append(',').Append(Csv(RandomText(random, quotable: true)));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Csv(string field) => field.AsSpan().ContainsAny(",\"\n") ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string RandomText(Random random, bool quotable)
    {
        const string Plain = "aZ9 .区县Ａ\u3000-/";
        const string Quotable = Plain + ",\"\n";
        var alphabet = quotable ? Quotable : Plain;
        return new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
