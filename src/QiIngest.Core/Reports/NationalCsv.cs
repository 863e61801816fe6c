using System.Text;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Reports;

/// <summary><c>reports/{period}/national.csv</c>: the figures of a rollup for spreadsheets, one row per indicator.</summary>
/// <remarks>
/// UTF-8 with a byte-order mark (so Excel shows the Chinese names), CRLF line ends and RFC 4180 quoting. Text cells
/// that a spreadsheet would run as a formula are neutralised with a leading <c>'</c>; number cells are written as
/// numbers, negative growth included. <c>value</c> and <c>yoy_percent</c> are exact and unrounded; <c>rounded</c> and
/// <c>yoy_rounded</c> have the published decimals. The inputs (files and versions) are in <c>national.json</c>, not here.
/// </remarks>
public static class NationalCsv
{
    /// <summary>The header row.</summary>
    public const string Header = "code,name_zh,name_en,value,rounded,unit,yoy_percent,yoy_rounded,reporters,status";

    /// <summary>The figures as CSV bytes (UTF-8 with BOM).</summary>
    public static byte[] Write(NationalRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var text = new StringBuilder();
        text.Append(Header).Append("\r\n");
        foreach (var f in rollup.Figures)
        {
            text.AppendJoin(',', [
                CsvCell.Text(f.Code),
                CsvCell.Text(f.NameZh),
                CsvCell.Text(f.NameEn),
                CsvCell.Number(f.Value),
                CsvCell.Fixed(f.Rounded, PublishedRounding.Decimals(f.Kind)),
                CsvCell.Text(f.Unit),
                CsvCell.Number(f.YoyPercent),
                CsvCell.Fixed(f.YoyRounded, PublishedRounding.YoyDecimals),
                CsvCell.Number(f.Reporters),
                CsvCell.Text(rollup.Status),
            ]).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
