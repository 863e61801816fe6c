using System.Text;
using QiIngest.Core.Catalog;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Core.Tests.Rollup;

namespace QiIngest.Core.Tests.Reports;

public class SdmxCsvTests
{
    [Fact]
    public void Write_FinalRollup_HeaderThenValueAndGrowthRowsWithStatusA()
    {
        var text = Encoding.UTF8.GetString(SdmxCsv.Write(SampleRollups.Small()));

        Assert.Equal(
            "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\r\n"
            + "dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,STD_SOCIAL_ORG,74240,NUMBER,A\r\n"
            + "dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,STD_SOCIAL_ORG_YOY,45.34633305924272,PC,A\r\n"
            + "dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,IT_REVENUE,12.345,CNY,A\r\n"
            + "dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,CA_ACCREDITED_BODIES,90,NUMBER,A\r\n"
            + "dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,CA_ACCREDITED_BODIES_YOY,-10,PC,A\r\n"
            + "dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,IT_PRIVATE_SHARE,63.46922906020884,PC,A\r\n",
            text);
    }

    [Fact]
    public void Write_ProvisionalRollup_StatusP()
    {
        var lines = Encoding.UTF8.GetString(SdmxCsv.Write(SampleRollups.Small(RollupStatus.Provisional))).TrimEnd().Split("\r\n");

        Assert.Equal("dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,STD_SOCIAL_ORG,74240,NUMBER,P", lines[1]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",P", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Rollup_NoByteOrderMark()
    {
        Assert.Equal((byte)'S', SdmxCsv.Write(SampleRollups.Small())[0]);
    }

    [Theory]
    [InlineData(IndicatorKind.Count, "NUMBER")]
    [InlineData(IndicatorKind.Money, "CNY")]
    [InlineData(IndicatorKind.Rate, "PC")]
    public void UnitCode_Kind_IsSdmxUnitCode(IndicatorKind kind, string code)
    {
        Assert.Equal(code, SdmxCsv.UnitCode(kind));
    }

    [Fact]
    public async Task Write_Golden2023_EveryFigureAndEverySumGrowth()
    {
        var lines = Encoding.UTF8.GetString(SdmxCsv.Write(await FolderRollupTests.Golden(2023))).TrimEnd().Split("\r\n");

        Assert.Equal(1 + 15 + 8, lines.Length);
        Assert.Contains("dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,STD_SOCIAL_ORG,74240,NUMBER,A", lines);
        Assert.Contains("dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,STD_SOCIAL_ORG_YOY,45.346333059242726809976898077,PC,A", lines);
        Assert.Contains("dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,IT_REVENUE,471236000000,CNY,A", lines);
        Assert.Contains("dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,STD_INTL_CONVERSION_RATE,83.35,PC,A", lines);
        Assert.Contains("dataflow,CN_SAMR:QI_NATIONAL(1.0),I,CN,2023,CERT_FEE_RELIEF_YOY,27.552,PC,A", lines);
        Assert.DoesNotContain(lines, l => l.Contains("STD_NATIONAL_YOY", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("IT_PRIVATE_SHARE_YOY", StringComparison.Ordinal));
    }
}
