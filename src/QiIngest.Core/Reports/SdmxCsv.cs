using System.Text;
using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Reports;

/// <summary><c>reports/{period}/national.sdmx.csv</c>: the rollup as SDMX-CSV 2.0 for the dataflow <c>CN_SAMR:QI_NATIONAL(1.0)</c>.</summary>
/// <remarks>
/// <para>One row per figure with a value (figures nobody reported are omitted), then, right after it, a row
/// <c>{CODE}_YOY</c> with its like-for-like growth in percent (<c>PC</c>) where there is one. <c>OBS_VALUE</c> is the
/// exact unrounded value in the canonical unit; consumers round as they publish.</para>
/// <para><c>UNIT_MEASURE</c> follows the SDMX unit codelist: <c>CNY</c> for money (元), <c>PC</c> for percentages,
/// <c>NUMBER</c> for every count (the Chinese labels 项, 家, 个 are labels of one kind, section 6). <c>OBS_STATUS</c>
/// is <c>A</c> (normal) when the rollup is final and <c>P</c> (provisional) otherwise. UTF-8 without BOM, CRLF.</para>
/// </remarks>
public static class SdmxCsv
{
    /// <summary>The header row of SDMX-CSV 2.0 with this dataflow's dimensions and attributes.</summary>
    public const string Header = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,INDICATOR,OBS_VALUE,UNIT_MEASURE,OBS_STATUS";

    /// <summary>The structure the rows belong to.</summary>
    public const string StructureId = "CN_SAMR:QI_NATIONAL(1.0)";

    /// <summary>The rollup as SDMX-CSV bytes.</summary>
    public static byte[] Write(NationalRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var status = rollup.IsFinal ? "A" : "P";
        var period = rollup.Period.ToString();
        var text = new StringBuilder();
        text.Append(Header).Append("\r\n");
        foreach (var f in rollup.Figures)
        {
            if (f.Value is not decimal value)
            {
                continue;
            }

            Row(text, period, f.Code, value, UnitCode(f.Kind), status);
            if (f.YoyPercent is decimal yoy)
            {
                Row(text, period, f.Code + "_YOY", yoy, "PC", status);
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The SDMX unit code for a kind of indicator.</summary>
    public static string UnitCode(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Money => "CNY",
        IndicatorKind.Rate => "PC",
        _ => "NUMBER",
    };

    private static void Row(StringBuilder text, string period, string indicator, decimal value, string unit, string status) =>
        text.AppendJoin(',', ["dataflow", StructureId, "I", "CN", period, CsvCell.Text(indicator), CsvCell.Number(value), unit, status]).Append("\r\n");
}
