using System.Text;
using QiIngest.Core.Reports;

namespace QiIngest.Core.Sdmx;

/// <summary>Observations as SDMX-CSV 2.0 (<c>application/vnd.sdmx.data+csv;version=2.0.0</c>): the header and rows of <see cref="SdmxCsv"/>, UTF-8 without BOM, CRLF.</summary>
public static class SdmxCsvData
{
    /// <summary>The media type.</summary>
    public const string MediaType = "application/vnd.sdmx.data+csv;version=2.0.0";

    /// <summary>The observations as SDMX-CSV bytes.</summary>
    public static byte[] Write(IEnumerable<SdmxObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var text = new StringBuilder();
        text.Append(SdmxCsv.Header).Append("\r\n");
        foreach (var o in observations)
        {
            text.AppendJoin(',', ["dataflow", SdmxCsv.StructureId, "I", CsvCell.Text(o.Area), o.Period.ToString(), CsvCell.Text(o.Indicator), CsvCell.Number(o.Value), o.Unit, o.Status]).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
