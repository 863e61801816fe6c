using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Sdmx;

/// <summary>The observations of published rollups, as the dataflow carries them.</summary>
public static class SdmxDataSet
{
    /// <summary>
    /// The observations of each rollup: per figure with a value, its value, then its like-for-like growth (<c>_YOY</c>,
    /// in percent) where there is one; the same rows as <see cref="SdmxCsv"/>, in period order.
    /// </summary>
    public static IReadOnlyList<SdmxObservation> From(IEnumerable<NationalRollup> rollups, SdmxQuery? query = null)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        var observations = new List<SdmxObservation>();
        foreach (var rollup in rollups.OrderBy(r => r.Period.Year))
        {
            var status = rollup.IsFinal ? SdmxDataflow.StatusNormal : SdmxDataflow.StatusProvisional;
            foreach (var f in rollup.Figures)
            {
                if (f.Value is not decimal value)
                {
                    continue;
                }

                observations.Add(new SdmxObservation(SdmxDataflow.NationalArea, f.Code, rollup.Period, value, SdmxCsv.UnitCode(f.Kind), status));
                if (f.YoyPercent is decimal yoy)
                {
                    observations.Add(new SdmxObservation(SdmxDataflow.NationalArea, f.Code + SdmxDataflow.GrowthSuffix, rollup.Period, yoy, "PC", status));
                }
            }
        }

        return query is null ? observations : [.. observations.Where(query.Matches)];
    }
}
