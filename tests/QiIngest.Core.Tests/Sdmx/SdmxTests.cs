using System.Text;
using System.Xml.Linq;
using QiIngest.Core.Catalog;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Core.Sdmx;
using QiIngest.Core.Tests.Reports;

namespace QiIngest.Core.Tests.Sdmx;

public class SdmxTests
{
    private static readonly XNamespace Str = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
    private static readonly XNamespace Common = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";
    private static readonly XNamespace Message = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";

    private static NationalRollup Y2022 => SampleRollups.Small() with { Period = new Period(2022), Status = RollupStatus.Provisional };

    [Fact]
    public void SdmxCsvData_OnePeriodAll_SameBytesAsThePublishedSdmxCsv()
    {
        var rollup = SampleRollups.Small();

        Assert.Equal(SdmxCsv.Write(rollup), SdmxCsvData.Write(SdmxDataSet.From([rollup])));
    }

    [Fact]
    public void From_KeyAndPeriods_SelectsThoseSeriesAndYears()
    {
        Assert.True(SdmxQuery.TryParse("CN.STD_SOCIAL_ORG+IT_REVENUE", "2023", "2023", out var query, out _));

        var observations = SdmxDataSet.From([SampleRollups.Small(), Y2022], query);

        Assert.Equal([("STD_SOCIAL_ORG", 2023, 74240m, "NUMBER", "A"), ("IT_REVENUE", 2023, 12.345m, "CNY", "A")], observations.Select(o => (o.Indicator, o.Period.Year, o.Value, o.Unit, o.Status)));
    }

    [Theory]
    [InlineData("all", null, null, 12)]
    [InlineData(".STD_SOCIAL_ORG_YOY", null, null, 2)]
    [InlineData("CN.", "2022", null, 12)]
    [InlineData("CN.", "2023-01-01", null, 6)]
    [InlineData("CN.", null, "2022", 6)]
    [InlineData("HK.", null, null, 0)]
    [InlineData("", null, null, 12)]
    public void From_Selections_CountObservations(string key, string? start, string? end, int count)
    {
        Assert.True(SdmxQuery.TryParse(key, start, end, out var query, out var error), error);

        Assert.Equal(count, SdmxDataSet.From([SampleRollups.Small(), Y2022], query).Count);
    }

    [Theory]
    [InlineData("CN", null, null, "The key 'CN' has 1 part(s), but the dataflow has 2 key dimensions (REF_AREA.INDICATOR): write it like CN.STD_SOCIAL_ORG, CN.STD_SOCIAL_ORG+IT_REVENUE, .IT_REVENUE or all.")]
    [InlineData("all", "23", null, "The startPeriod '23' is not a year YYYY from 2000 to 2100 (or a date in one).")]
    [InlineData("all", null, "2023Q1", "The endPeriod '2023Q1' is not a year YYYY from 2000 to 2100 (or a date in one).")]
    [InlineData("all", "2024", "2023", "The startPeriod 2024 is after the endPeriod 2023.")]
    public void TryParse_Bad_SaysWhatIsWrong(string key, string? start, string? end, string message)
    {
        Assert.False(SdmxQuery.TryParse(key, start, end, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void SdmxMlData_TwoPeriods_OneSeriesPerKeyWithItsObservations()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(SdmxMlData.Write(SdmxDataSet.From([SampleRollups.Small(), Y2022]), SampleRollups.At, "Q1")));

        var dataSet = xml.Root!.Element(Message + "DataSet")!;
        var series = dataSet.Elements("Series").ToList();
        Assert.Equal(6, series.Count);
        var groups = series.First(s => (string?)s.Attribute("INDICATOR") == "STD_SOCIAL_ORG");
        Assert.Equal(("CN", "NUMBER"), ((string?)groups.Attribute("REF_AREA"), (string?)groups.Attribute("UNIT_MEASURE")));
        Assert.Equal(
            [("2022", "74240", "P"), ("2023", "74240", "A")],
            groups.Elements("Obs").Select(o => ((string)o.Attribute("TIME_PERIOD")!, (string)o.Attribute("OBS_VALUE")!, (string)o.Attribute("OBS_STATUS")!)));
        Assert.Equal("2024-03-01T02:30:00Z", xml.Root.Element(Message + "Header")!.Element(Message + "Prepared")!.Value);
    }

    [Fact]
    public void SdmxStructures_WithReferences_DataflowCodelistsConceptsAndDsd()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(SdmxStructures.Write(IndicatorCatalog.Default, ReporterRegistry.Default, SampleRollups.At, "S1", SdmxStructureParts.All)));

        var structures = xml.Root!.Element(Message + "Structures")!;
        Assert.Equal(["Dataflows", "Codelists", "Concepts", "DataStructures"], structures.Elements().Select(e => e.Name.LocalName));
        var codelists = structures.Element(Str + "Codelists")!.Elements(Str + "Codelist").ToDictionary(c => (string)c.Attribute("id")!, c => c.Elements(Str + "Code").Select(x => (string)x.Attribute("id")!).ToList());
        Assert.Equal(["CL_AREA", "CL_INDICATOR", "CL_UNIT_MEASURE", "CL_OBS_STATUS"], codelists.Keys);
        Assert.Equal(32, codelists["CL_AREA"].Count);
        Assert.Equal(["NUMBER", "CNY", "PC"], codelists["CL_UNIT_MEASURE"]);
        Assert.Equal(["A", "P"], codelists["CL_OBS_STATUS"]);
        Assert.Equal(IndicatorCatalog.Default.All.Count + 1 + IndicatorCatalog.Default.All.Count(i => i.IsSum && !i.IsNational), codelists["CL_INDICATOR"].Count);
        Assert.Contains("STD_SOCIAL_ORG_YOY", codelists["CL_INDICATOR"]);
        Assert.Contains("IT_PRIVATE_SHARE", codelists["CL_INDICATOR"]);
        Assert.DoesNotContain("STD_NATIONAL_YOY", codelists["CL_INDICATOR"]);
        var dimensions = structures.Descendants(Str + "DimensionList").Single().Elements().Select(e => ((string)e.Attribute("id")!, (string)e.Attribute("position")!));
        Assert.Equal([("REF_AREA", "1"), ("INDICATOR", "2"), ("TIME_PERIOD", "3")], dimensions);
        var share = structures.Descendants(Str + "Code").Single(c => (string?)c.Attribute("id") == "IT_PRIVATE_SHARE");
        Assert.Equal(["Share of private inspection and testing institutions", "民营检验检测机构占比"], share.Elements(Common + "Name").Select(n => n.Value));
    }

    [Fact]
    public void SdmxStructures_WithoutReferences_DataflowOnly()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(SdmxStructures.Write(IndicatorCatalog.Default, ReporterRegistry.Default, SampleRollups.At, "S1", SdmxStructureParts.Dataflow)));

        var structures = xml.Root!.Element(Message + "Structures")!;
        Assert.Equal(["Dataflows"], structures.Elements().Select(e => e.Name.LocalName));
        var flow = structures.Descendants(Str + "Dataflow").Single();
        Assert.Equal(("QI_NATIONAL", "CN_SAMR", "1.0"), ((string)flow.Attribute("id")!, (string)flow.Attribute("agencyID")!, (string)flow.Attribute("version")!));
    }

    [Theory]
    [InlineData("dataflow", null, SdmxStructureParts.Dataflow)]
    [InlineData("dataflow", "all", SdmxStructureParts.All)]
    [InlineData("dataflow", "parents", SdmxStructureParts.Dataflow)]
    [InlineData("datastructure", "children", SdmxStructureParts.DataStructure | SdmxStructureParts.Codelists | SdmxStructureParts.Concepts)]
    [InlineData("datastructure", "parents", SdmxStructureParts.DataStructure | SdmxStructureParts.Dataflow)]
    [InlineData("codelist", "none", SdmxStructureParts.Codelists)]
    [InlineData("conceptscheme", "", SdmxStructureParts.Concepts)]
    [InlineData("dataflow", "everything", null)]
    [InlineData("categoryscheme", null, null)]
    public void PartsFor_TypeAndReferences_TheStructuresAnswered(string type, string? references, SdmxStructureParts? parts)
    {
        Assert.Equal(parts, SdmxStructures.PartsFor(type, references));
    }

    [Fact]
    public void SdmxStructures_OneCodelist_OnlyThatCodelist()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(SdmxStructures.Write(IndicatorCatalog.Default, ReporterRegistry.Default, SampleRollups.At, "S1", SdmxStructureParts.Codelists, "CL_UNIT_MEASURE")));

        Assert.Equal(["CL_UNIT_MEASURE"], xml.Descendants(Str + "Codelist").Select(c => (string)c.Attribute("id")!));
    }
}
