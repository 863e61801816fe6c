using QiIngest.Core.Reports;

namespace QiIngest.Core.Sdmx;

/// <summary>
/// Observations as an SDMX-ML 2.1 structure-specific data message
/// (<c>application/vnd.sdmx.structurespecificdata+xml;version=2.1</c>): one <c>Series</c> per (REF_AREA, INDICATOR)
/// with its UNIT_MEASURE, and one <c>Obs</c> per period with OBS_VALUE and OBS_STATUS, time dimension at the observation.
/// </summary>
public static class SdmxMlData
{
    /// <summary>The media type.</summary>
    public const string MediaType = "application/vnd.sdmx.structurespecificdata+xml;version=2.1";

    private const string StructureRef = SdmxDataflow.Agency + "_" + SdmxDataflow.Id + "_1_0";

    /// <summary>The observations as an SDMX-ML message prepared at <paramref name="prepared"/>, with message id <paramref name="id"/>.</summary>
    public static byte[] Write(IEnumerable<SdmxObservation> observations, DateTimeOffset prepared, string id)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var dataNamespace = $"urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow={SdmxDataflow.Agency}:{SdmxDataflow.Id}({SdmxDataflow.Version}):ObsLevelDim:{SdmxDataflow.TimePeriod}";
        using var buffer = new MemoryStream();
        using (var w = SdmxMl.Create(buffer))
        {
            w.WriteStartElement("message", "StructureSpecificData", SdmxMl.Message);
            w.WriteAttributeString("xmlns", "common", null, SdmxMl.Common);
            w.WriteAttributeString("xmlns", "ss", null, SdmxMl.StructureSpecific);
            w.WriteAttributeString("xmlns", "xsi", null, SdmxMl.Xsi);
            w.WriteAttributeString("xmlns", "ns1", null, dataNamespace);
            SdmxMl.Header(w, id, prepared);
            w.WriteStartElement("message", "Structure", SdmxMl.Message);
            w.WriteAttributeString("structureID", StructureRef);
            w.WriteAttributeString("namespace", dataNamespace);
            w.WriteAttributeString("dimensionAtObservation", SdmxDataflow.TimePeriod);
            w.WriteStartElement("common", "StructureUsage", SdmxMl.Common);
            SdmxMl.Ref(w, SdmxDataflow.Id, "datastructure", "Dataflow");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement(); // Header

            w.WriteStartElement("message", "DataSet", SdmxMl.Message);
            w.WriteAttributeString("ss", "structureRef", SdmxMl.StructureSpecific, StructureRef);
            w.WriteAttributeString("xsi", "type", SdmxMl.Xsi, "ns1:DataSetType");
            w.WriteAttributeString("ss", "dataScope", SdmxMl.StructureSpecific, "DataStructure");
            w.WriteAttributeString("action", "Information");
            foreach (var series in observations.GroupBy(o => (o.Area, o.Indicator)))
            {
                w.WriteStartElement("Series");
                w.WriteAttributeString(SdmxDataflow.RefArea, series.Key.Area);
                w.WriteAttributeString(SdmxDataflow.Indicator, series.Key.Indicator);
                w.WriteAttributeString(SdmxDataflow.UnitMeasure, series.First().Unit);
                foreach (var o in series.OrderBy(o => o.Period.Year))
                {
                    w.WriteStartElement("Obs");
                    w.WriteAttributeString(SdmxDataflow.TimePeriod, o.Period.ToString());
                    w.WriteAttributeString(SdmxDataflow.ObsValue, CsvCell.Number(o.Value));
                    w.WriteAttributeString(SdmxDataflow.ObsStatus, o.Status);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement(); // DataSet
            w.WriteEndElement();
        }

        return buffer.ToArray();
    }
}
