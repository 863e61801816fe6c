using System.Text;
using QiIngest.Core.Catalog;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Core.Tests.Rollup;

namespace QiIngest.Core.Tests.Reports;

public class NationalCsvTests
{
    [Fact]
    public void Write_Rollup_StartsWithUtf8BomAndHeader()
    {
        var bytes = NationalCsv.Write(SampleRollups.Small());

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("code,name_zh,name_en,value,rounded,unit,yoy_percent,yoy_rounded,reporters,status\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void Write_Rollup_OneRowPerFigureWithExactAndPublishedNumbers()
    {
        var lines = Lines(NationalCsv.Write(SampleRollups.Small()));

        Assert.Equal(
        [
            "code,name_zh,name_en,value,rounded,unit,yoy_percent,yoy_rounded,reporters,status",
            "STD_SOCIAL_ORG,团体标准,Social organization standards,74240,74240,项,45.34633305924272,45.3,31,final",
            "IT_REVENUE,检验检测营业收入,Inspection and testing revenue,12.345,12.35,元,,,1,final",
            "CA_ACCREDITED_BODIES,获认可合格评定机构,Accredited conformity assessment bodies,90,90,家,-10,-10.0,2,final",
            "STD_NATIONAL,国家标准,National standards,,,项,,,0,final",
            "IT_PRIVATE_SHARE,民营检验检测机构占比,Share of private inspection and testing institutions,63.46922906020884,63.47,%,,,31,final",
        ], lines);
    }

    [Fact]
    public void Write_ProvisionalRollup_EveryRowSaysProvisional()
    {
        var lines = Lines(NationalCsv.Write(SampleRollups.Small(RollupStatus.Provisional)));

        Assert.All(lines.Skip(1), l => Assert.EndsWith(",provisional", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_TextStartingWithFormulaCharacters_IsQuotedWithLeadingApostrophe()
    {
        var rollup = SampleRollups.Small() with
        {
            Figures =
            [
                SampleRollups.Figure("-2+3", "=HYPERLINK(\"http://x\",\"点击\")", "@SUM(1+1)", FigureAggregation.Sum, IndicatorKind.Count, "+1", 1m, 1m, -5.5m, -5.5m, 1),
                SampleRollups.Figure("TAB", "\tcmd", "\rcmd", FigureAggregation.Sum, IndicatorKind.Count, "a,b", 2m, 2m, null, null, 1),
                SampleRollups.Figure("SAFE", "a \"quoted\" name", "x=1", FigureAggregation.Sum, IndicatorKind.Count, "项", -3m, -3m, null, null, 1),
            ],
        };

        var text = Encoding.UTF8.GetString(NationalCsv.Write(rollup)[3..]);

        Assert.Equal(
            "code,name_zh,name_en,value,rounded,unit,yoy_percent,yoy_rounded,reporters,status\r\n"
            + "\"'-2+3\",\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\",\"'@SUM(1+1)\",1,1,\"'+1\",-5.5,-5.5,1,final\r\n"
            + "TAB,\"'\tcmd\",\"'\rcmd\",2,2,\"a,b\",,,1,final\r\n"
            + "SAFE,\"a \"\"quoted\"\" name\",x=1,-3,-3,项,,,1,final\r\n",
            text);
    }

    [Fact]
    public void Write_HostileInputFileName_NeverReachesTheCsv()
    {
        var text = Encoding.UTF8.GetString(NationalCsv.Write(SampleRollups.Small(file: "=HYPERLINK(\"x\").csv")));

        Assert.DoesNotContain("HYPERLINK", text, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(NationalCsv.Write(SampleRollups.Small())), text);
    }

    [Fact]
    public async Task Write_Golden2023_HasTheBriefingFigures()
    {
        var lines = Lines(NationalCsv.Write(await FolderRollupTests.Golden(2023)));

        Assert.Equal(16, lines.Length);
        Assert.Equal("STD_SOCIAL_ORG,团体标准,Social organization standards,74240,74240,项,45.346333059242726809976898077,45.3,31,final", lines[1]);
        Assert.Equal("IT_REVENUE,检验检测营业收入,Inspection and testing revenue,471236000000,471236000000.00,元,10.208988175422840892082023649,10.2,31,final", lines[4]);
        Assert.Equal("IT_PRIVATE_SHARE,民营检验检测机构占比,Share of private inspection and testing institutions,63.469229060208842479449011331,63.47,%,,,31,final", lines[15]);
    }

    private static string[] Lines(byte[] csv)
    {
        var text = Encoding.UTF8.GetString(csv.AsSpan(3));
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return text[..^2].Split("\r\n");
    }
}
