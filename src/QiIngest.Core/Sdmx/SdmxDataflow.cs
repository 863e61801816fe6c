using QiIngest.Core.Reports;

namespace QiIngest.Core.Sdmx;

/// <summary>
/// The identifiers of the dataflow <c>CN_SAMR:QI_NATIONAL(1.0)</c> and its structure: the series key is
/// <c>REF_AREA.INDICATOR</c>, the time dimension <c>TIME_PERIOD</c>; <c>UNIT_MEASURE</c> belongs to the series and
/// <c>OBS_STATUS</c> to the observation (as in <see cref="SdmxCsv"/>).
/// </summary>
public static class SdmxDataflow
{
    /// <summary>The maintenance agency.</summary>
    public const string Agency = "CN_SAMR";

    /// <summary>The dataflow's id.</summary>
    public const string Id = "QI_NATIONAL";

    /// <summary>The version of the dataflow and of every structure it uses.</summary>
    public const string Version = "1.0";

    /// <summary>The data structure definition's id.</summary>
    public const string StructureId = "DSD_QI_NATIONAL";

    /// <summary>The concept scheme's id.</summary>
    public const string ConceptSchemeId = "CS_QI_NATIONAL";

    /// <summary>The flow reference of the REST paths, <c>CN_SAMR,QI_NATIONAL,1.0</c>.</summary>
    public const string FlowRef = Agency + "," + Id + "," + Version;

    /// <summary>The reference area dimension (<c>CN</c>: the national figures).</summary>
    public const string RefArea = "REF_AREA";

    /// <summary>The indicator dimension.</summary>
    public const string Indicator = "INDICATOR";

    /// <summary>The time dimension.</summary>
    public const string TimePeriod = "TIME_PERIOD";

    /// <summary>The primary measure.</summary>
    public const string ObsValue = "OBS_VALUE";

    /// <summary>The unit attribute (series level).</summary>
    public const string UnitMeasure = "UNIT_MEASURE";

    /// <summary>The observation status attribute.</summary>
    public const string ObsStatus = "OBS_STATUS";

    /// <summary>The national reference area.</summary>
    public const string NationalArea = "CN";

    /// <summary>The suffix of a growth indicator (<c>STD_SOCIAL_ORG_YOY</c>).</summary>
    public const string GrowthSuffix = "_YOY";

    /// <summary>The series-key dimensions, in key order.</summary>
    public static IReadOnlyList<string> KeyDimensions { get; } = [RefArea, Indicator];

    /// <summary>The codelist ids.</summary>
    public static class Codelists
    {
        /// <summary>Reference areas: CN and the provinces.</summary>
        public const string Area = "CL_AREA";

        /// <summary>Indicators and their growth codes.</summary>
        public const string Indicator = "CL_INDICATOR";

        /// <summary>Units: NUMBER, CNY, PC.</summary>
        public const string Unit = "CL_UNIT_MEASURE";

        /// <summary>Observation status: A, P.</summary>
        public const string ObsStatus = "CL_OBS_STATUS";
    }

    /// <summary>The observation status of a final rollup.</summary>
    public const string StatusNormal = "A";

    /// <summary>The observation status of a provisional rollup.</summary>
    public const string StatusProvisional = "P";
}
