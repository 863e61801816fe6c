using System.Text;
using System.Text.Json;
using QiIngest.Core.Catalog;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Reading;

/// <summary>
/// The JSON reader's fast path (a flat observation read whole from the buffer) against the token path it falls back
/// to: on generated returns, in every shape the form allows or rejects, read in pieces of every size, the result, its
/// messages with their locations and the observations must be the token path's, exactly.
/// </summary>
public class JsonFastPathTests
{
    private static readonly string[] Names =
    [
        "indicator", "value", "unit", "region", "note", "province", "period", "指标", "数值", "单位", "地区", "备注", "year",
        "Value", " unit", "id", "\\u0076alue", "observations", "region_code",
    ];

    private static readonly string[] Scalars =
    [
        "12", "0", "4521.5", "-5", "1e3", "12.50", "123456789012345678901234567890", "\"12\"", "\"1.25万\"", "\"—\"", "\"\"",
        "\"  \"", "\"家\"", "\"万元\"", "\"亿元\"", "\"区县000001\"", "\"\\u533a县000002\"", "\"440100\"", "\"合计\"", "\"江苏省\"",
        "\"检验检测机构\"", "\"IT_INSTITUTIONS\"", "\"IT_REVENUE\"", "\"不存在的指标\"", "\"2023\"", "\"440000\"", "\"320000\"",
        "null", "true", "false", "\"abc\\\"d\"",
    ];

    private static readonly string[] Shapes = ["{\"n\":1}", "[1,2]", "[]", "{}", "{\"a\":1,\"a\":2}", "[[[{\"b\":[]}]]]"];

    [Fact]
    public void CheckAsync_GeneratedJsonReturnsReadInPieces_FastPathGivesTheTokenPathsResult()
    {
        var random = new Random(20261202);
        for (var file = 0; file < 80; file++)
        {
            // Up to thousands of observations: after a miss the token path reads batches of 2,048 tokens before the fast path resumes.
            var bytes = RandomReturn(random, observations: file % 4 == 0 ? random.Next(0, 50) : random.Next(500, 2_500));
            var (slow, slowObservations, _) = Check(bytes, fastPaths: false, piece: 0);
            foreach (var piece in new[] { 0, 1, random.Next(2, 40), random.Next(40, 4000) })
            {
                var (fast, fastObservations, _) = Check(bytes, fastPaths: true, piece);

                Assert.True(slow == fast, $"file {file}, pieces of {piece}: {Encoding.UTF8.GetString(bytes)}\nslow {slow}\nfast {fast}");
                Assert.Equal(slowObservations, fastObservations);
            }
        }
    }

    [Fact]
    public void CheckAsync_ReturnCutAtEveryByte_ReadsAsWhole()
    {
        var json = """
            {"reporter":"440000","observations":[{"indicator":"检验检测机构","value":120,"unit":"家","region":"区县000001"},
            {"region":"区县000001","value":"35","indicator":"民营检验检测机构"} , {"indicator":"IT_REVENUE","value":12.5,"unit":"万元","region":"区县000001","note":"估计"},
            {"value":null,"indicator":"团体标准","region":"区县000002"},{"indicator":"IT_INSTITUTIONS","id":7,"value":3,"region":"区县000002"},
            {"indicator":"IT_INSTITUTIONS_PRIVATE","value":"\u0032","region":"区县000002"}],"period":"2023"}
            """;
        var bytes = Encoding.UTF8.GetBytes(json);
        var (whole, wholeObservations, result) = Check(bytes, fastPaths: false, piece: 0);

        Assert.Equal(6, result.ObservationCount);
        Assert.Equal(0, result.ErrorCount);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var (cutJson, observations, _) = Check(bytes, fastPaths: true, piece: 0, firstPiece: cut);

            Assert.True(whole == cutJson, $"cut at {cut}: {cutJson}");
            Assert.Equal(wholeObservations, observations);
        }
    }

    [Fact]
    public void CheckAsync_RunsOfObservationsTheFastPathCannotRead_GiveTheTokenPathsResult()
    {
        // Runs of observations with an unknown member (the fast path pauses, the token path reads them in batches)
        // between runs of flat ones, in pieces of 7 bytes.
        var observations = Enumerable.Range(1, 3_000).Select(i =>
        {
            var id = i % 1000 < 300 || i % 97 == 0 ? $",\"id\":{i}" : string.Empty;
            return $$"""{"indicator":"{{(i % 2 == 0 ? "检验检测机构" : "民营检验检测机构")}}","value":{{2 - (i % 2)}},"region":"区县{{(i + 1) / 2:D6}}"{{id}}}""";
        });
        var bytes = Encoding.UTF8.GetBytes($$"""{"observations":[{{string.Join(",\n", observations)}}]}""");

        var (slow, slowObservations, result) = Check(bytes, fastPaths: false, piece: 0);
        var (fast, fastObservations, _) = Check(bytes, fastPaths: true, piece: 7);

        Assert.Equal(3_000, result.ObservationCount);
        Assert.Equal(0, result.ErrorCount);
        Assert.Equal(slow, fast);
        Assert.Equal(slowObservations, fastObservations);
    }

    [Fact]
    public void Check_JsonMembersInAnyOrderAndByAlias_ReadAsNamed()
    {
        var result = Checks.Run("""{"observations":[{"region":"南京市","数值":"12","指标":"IT_INSTITUTIONS","unit":"家"},{"value":3,"note":"x","indicator":"IT_INSTITUTIONS","region":"苏州市"},{"单位":"万元","value":5,"indicator":"IT_REVENUE"}]}""", file: "r.json");

        Assert.Equal(0, result.ErrorCount);
        Assert.Equal(15m, result.Totals["IT_INSTITUTIONS"]);
        Assert.Equal(50_000m, result.Totals["IT_REVENUE"]);
    }

    [Fact]
    public void Check_JsonUnknownMemberInEveryObservation_IsOneExtraLabelAtItsFirstObservation()
    {
        var observations = string.Join(",", Enumerable.Range(1, 50).Select(i => $$"""{"indicator":"IT_INSTITUTIONS","value":1,"region":"区{{i}}"{{(i > 2 ? ",\"id\":" + i : string.Empty)}}}"""));

        var result = Checks.Run($$"""{"observations":[{{observations}}]}""", file: "r.json");

        Assert.Equal(new Issue(IssueType.ExtraLabel, "The property \"id\" is not part of the form; it was ignored.", 3, "id") { MessageZh = "属性 \"id\" 不属于报表，已忽略。" }, Assert.Single(result.Warnings, w => w.Type == IssueType.ExtraLabel));
        Assert.Equal(50m, result.Totals["IT_INSTITUTIONS"]);
    }

    [Fact]
    public void Check_JsonReportedMemberTwiceInAnObservation_StopsAtItsObservation()
    {
        // The first "id" is reported by the token path, which then reads a batch of 2,048 tokens (the fast path pauses);
        // the fast path reads the rest.
        var flat = string.Concat(Enumerable.Range(1, 400).Select(i => $$"""{"indicator":"IT_INSTITUTIONS","value":1,"region":"区{{i}}","id":{{i}}},"""));
        var result = Checks.Run($$"""{"observations":[{{flat}}{"indicator":"IT_INSTITUTIONS","value":1,"id":2,"region":"区401","id":3}]}""", file: "r.json");

        Assert.Equal(new Issue(IssueType.FormatError, "An object has the member \"id\" twice: give each member once.", 401, "id") { MessageZh = "对象中的成员 \"id\" 出现了两次：每个成员只写一次。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_JsonReportedMemberWithEscapedTextThatIsNotUtf8_IsEncodingErrorAsTheTokenPath()
    {
        var flat = string.Concat(Enumerable.Range(1, 400).Select(i => $$"""{"indicator":"IT_INSTITUTIONS","value":1,"region":"区{{i}}","id":{{i}}},"""));
        var head = Encoding.UTF8.GetBytes($$"""{"observations":[{{flat}}{"indicator":"IT_INSTITUTIONS","value":1,"id":"\n""");
        var bytes = head.Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}]}")).ToArray();

        var (fast, _, result) = Check(bytes, fastPaths: true, piece: 0);
        var (slow, _, _) = Check(bytes, fastPaths: false, piece: 0);

        Assert.Equal(slow, fast);
        Assert.Equal(IssueType.EncodingError, Assert.Single(result.Errors).Type);
    }

    [Fact]
    public void Check_JsonDuplicateMemberAfterFlatObservations_StopsAtItsObservation()
    {
        var result = Checks.Run("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"region":"区1"},{"indicator":"IT_INSTITUTIONS","value":1,"region":"区2"},{"indicator":"IT_INSTITUTIONS","region":"区3","region":"区4","value":1}]}""", file: "r.json");

        Assert.Equal(new Issue(IssueType.FormatError, "An object has the member \"region\" twice: give each member once.", 3, "region") { MessageZh = "对象中的成员 \"region\" 出现了两次：每个成员只写一次。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_JsonInvalidUtf8AfterFlatObservations_IsEncodingErrorAtItsByte()
    {
        var head = Encoding.UTF8.GetBytes("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"region":"区1"},{"indicator":"IT_INSTITUTIONS","value":1,"region":"区""");
        var bytes = head.Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}]}")).ToArray();

        var result = Checks.Run(bytes, file: "r.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal(IssueType.EncodingError, error.Type);
        Assert.Equal($"The JSON has text that is not valid UTF-8 (byte {head.Length:N0} of the text): save it as UTF-8 and upload again.", error.Message);
    }

    [Fact]
    public void Check_JsonSyntaxErrorAfterFlatObservations_SaysWhereAsTheTokenPath()
    {
        var json = Encoding.UTF8.GetBytes("{\"observations\":[\n{\"indicator\":\"IT_INSTITUTIONS\",\"value\":1,\"region\":\"区1\"},\n{\"indicator\":\"IT_INSTITUTIONS\",\"value\":1 \"region\":\"区2\"}]}");

        var (fast, _, result) = Check(json, fastPaths: true, piece: 0);
        var (slow, _, _) = Check(json, fastPaths: false, piece: 0);

        Assert.Equal(slow, fast);
        var error = Assert.Single(result.Errors);
        Assert.Equal(IssueType.FormatError, error.Type);
        Assert.Contains("LineNumber: 2 | BytePositionInLine: 41.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_JsonWithBom_ReadsFlatObservations()
    {
        var json = """{"observations":[{"indicator":"IT_INSTITUTIONS","value":4,"region":"区1"},{"indicator":"IT_INSTITUTIONS","value":5,"region":"区2"}]}""";

        var result = Checks.Run(json, file: "r.json", encoding: new UTF8Encoding(true));

        Assert.Equal(9m, result.Totals["IT_INSTITUTIONS"]);
    }

    [Theory]
    [InlineData(2, "limit-exceeded")]
    [InlineData(3, "limit-exceeded")]
    [InlineData(4, "limit-exceeded")]
    [InlineData(5, "format-error")]
    public void Check_JsonDepthLimitAtTheObservations_AsTheTokenPath(int depth, string expected)
    {
        var json = Encoding.UTF8.GetBytes("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":4},{"indicator":"IT_INSTITUTIONS","value":{"n":[1]}}]}""");
        var limits = IngestLimits.Default with { MaxJsonDepth = depth };

        var (fast, _, result) = Check(json, fastPaths: true, piece: 0, limits: limits);
        var (slow, _, _) = Check(json, fastPaths: false, piece: 0, limits: limits);

        Assert.Equal(slow, fast);
        Assert.Equal(expected, Assert.Single(result.Errors).Type);
    }

    /// <summary>The result (as its JSON, so that lists compare by content) and the observations of one check.</summary>
    private static (string Json, List<Observation> Observations, CheckResult Result) Check(byte[] bytes, bool fastPaths, int piece, int firstPiece = 0, IngestLimits? limits = null)
    {
        var path = UploadPath.Parse("440000", "2023", "return.json", ReporterRegistry.Default).Path!;
        var checker = new ReturnChecker(IndicatorCatalog.Default, ReporterRegistry.Default, limits ?? IngestLimits.Default) { FastPaths = fastPaths };
        var sink = new ListSink();
        using var stream = new PieceStream(bytes, piece, firstPiece);
        var result = checker.CheckAsync(stream, path, sink: sink).GetAwaiter().GetResult();
        return (JsonSerializer.Serialize(result), sink.Observations, result);
    }

    /// <summary>
    /// A return of flat observations as an export writes them, mixed with every other shape: members in any order, by
    /// alias, unknown or repeated; escapes; nested and scalar observations; white space; now and then a file cut short,
    /// a stray comma or a byte that is not UTF-8.
    /// </summary>
    private static byte[] RandomReturn(Random random, int observations)
    {
        var text = new StringBuilder("{");
        // A messy file has every shape; a clean one (half of them) only those that do not stop reading, so that it is read to its end.
        var messy = random.Next(2) == 0;
        var top = new List<string> { "\"observations\":[" + string.Join(",", Enumerable.Range(0, observations).Select(_ => Space(random) + Observation(random, messy))) + Space(random) + "]" };
        if (random.Next(2) == 0)
        {
            top.Insert(random.Next(top.Count + 1), "\"reporter\":" + Pick(random, ["\"440000\"", "\"320000\"", "\"广东\"", "[1]"]));
        }

        if (random.Next(2) == 0)
        {
            top.Insert(random.Next(top.Count + 1), "\"period\":\"2023\"");
        }

        if (random.Next(4) == 0)
        {
            top.Insert(random.Next(top.Count + 1), "\"generator\":" + Pick(random, messy ? [.. Scalars, .. Shapes] : Scalars));
        }

        text.Append(string.Join("," + Space(random), top)).Append('}');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        switch (messy ? random.Next(12) : 12)
        {
            case 0:
                return bytes[..random.Next(bytes.Length)];
            case 1:
                bytes[random.Next(bytes.Length)] = (byte)',';
                return bytes;
            case 2:
                var quote = Array.LastIndexOf(bytes, (byte)'"', random.Next(bytes.Length));
                if (quote >= 0)
                {
                    bytes[quote] = 0xC3;
                }

                return bytes;
            case 3:
                return [0xEF, 0xBB, 0xBF, .. bytes];
            default:
                return bytes;
        }
    }

    private static string Observation(Random random, bool messy)
    {
        if (messy && random.Next(40) == 0)
        {
            return Pick(random, ["1", "\"x\"", "null", "[]", "[{\"indicator\":\"IT_INSTITUTIONS\"}]"]);
        }

        // Mostly the four members an export writes, in one order; sometimes in another, with others, or fewer.
        var members = new List<string>
        {
            // Names that share a slot of the reader's indicator cache too: 团体标准 and 国家标准, IT_INSTITUTIONS and 融资授信支持.
            "\"indicator\":" + Pick(random, ["\"检验检测机构\"", "\"民营检验检测机构\"", "\"检验检测营业收入\"", "\"IT_INSTITUTIONS\"", "\"IT_INSTITUTIONS_PRIVATE\"", "\"团体标准\"", "\"国家标准\"", "\"融资授信支持\"", "\" IT_REVENUE\"", "\"不存在的指标\""]),
            "\"value\":" + Pick(random, ["12", "7", "0", "4521.5", "\"30\"", "null"]),
            "\"unit\":" + Pick(random, ["\"家\"", "\"万元\""]),
            "\"region\":" + Pick(random, ["\"区县000001\"", "\"区县000002\"", "\"区县000003\"", "\"440000\"", "\"合计\""]),
        };
        if (random.Next(3) == 0)
        {
            // Other members: aliases (a blank one first leaves the role to the next), unknown names, odd values.
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                // \u0076alue is value again (a duplicate that stops reading): for messy files only.
                var name = Pick(random, Names);
                if ((!messy && name.Contains('\\', StringComparison.Ordinal)) || ((!messy || random.Next(200) != 0) && members.Any(m => m.StartsWith($"\"{name}\":", StringComparison.Ordinal))))
                {
                    continue;
                }

                var member = "\"" + name + "\":" + (messy && random.Next(8) == 0 ? Pick(random, Shapes) : Pick(random, Scalars));
                members.Insert(random.Next(members.Count + 1), member);
            }
        }

        if (random.Next(5) == 0)
        {
            members.RemoveAt(random.Next(members.Count));
        }

        if (random.Next(4) == 0)
        {
            members = [.. members.OrderBy(_ => random.Next())];
        }

        return "{" + string.Join(",", members.Select(m => Space(random) + m.Replace(":", ":" + Space(random), StringComparison.Ordinal))) + Space(random) + "}";
    }

    private static string Space(Random random) => random.Next(6) == 0 ? Pick(random, [" ", "\n", "\r\n  ", "\t"]) : string.Empty;

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>A stream that gives at most <c>piece</c> bytes a read (0: as many as asked), the first read <c>firstPiece</c> when positive; not seekable, as a download.</summary>
    private sealed class PieceStream(byte[] bytes, int piece, int firstPiece) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var most = _position == 0 && firstPiece > 0 ? firstPiece : piece > 0 ? piece : int.MaxValue;
            var n = Math.Min(Math.Min(buffer.Length, most), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
