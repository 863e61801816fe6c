using System.Globalization;
using System.Net;
using System.Text;
using QiIngest.Core.Catalog;

namespace QiIngest.Core.Reports;

/// <summary>The dashboard's inline SVG charts, drawn here so that the page needs no script library and no fetch.</summary>
internal static class DashboardCharts
{
    private const double Width = 360;
    private const double LabelRight = 118;
    private const double BarLeft = 123;
    private const double BarRoom = 182;
    private const double RowHeight = 16;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars, one per province, largest first; provinces without a value are listed last as not reported.</summary>
    public static string ProvinceBars(string id, string title, IReadOnlyList<(Province Province, decimal? Value)> rows, DisplayUnit unit)
    {
        var ordered = rows.OrderByDescending(r => r.Value.HasValue).ThenByDescending(r => r.Value ?? 0).ThenBy(r => r.Province.Code, StringComparer.Ordinal).ToList();
        var max = ordered.Select(r => r.Value ?? 0).DefaultIfEmpty(0).Max();
        var height = (ordered.Count * RowHeight) + 8;
        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg id=\"{E(id)}\" class=\"chart provinces\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width:0} {height:0}\" role=\"img\" aria-label=\"{E(title)}\"><title>{E(title)}</title>");
        for (var i = 0; i < ordered.Count; i++)
        {
            var (province, value) = ordered[i];
            var y = 4 + (i * RowHeight);
            var text = y + 12;
            svg.Append(Inv, $"<g class=\"row\" data-province=\"{E(province.Code)}\">");
            svg.Append(Inv, $"<text class=\"pl\" x=\"{LabelRight:0}\" y=\"{text:0.#}\" text-anchor=\"end\">{E(province.CommonZh)} <tspan class=\"ple\">{E(province.NameEn)}</tspan></text>");
            if (value is decimal v)
            {
                var length = max > 0 ? (double)(v / max) * BarRoom : 0;
                svg.Append(Inv, $"<rect class=\"bar\" x=\"{BarLeft:0}\" y=\"{y + 3:0.#}\" width=\"{Math.Max(length, 0.5):0.##}\" height=\"11\" rx=\"2\"/>");
                svg.Append(Inv, $"<text class=\"pv\" x=\"{BarLeft + length + 4:0.##}\" y=\"{text:0.#}\">{E(unit.Format(v))}</text>");
            }
            else
            {
                svg.Append(Inv, $"<text class=\"na\" x=\"{BarLeft:0}\" y=\"{text:0.#}\">未报送 not reported</text>");
            }

            svg.Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Vertical bars, one per period, oldest first, each labelled with its value; a bar with a coverage (a provisional
    /// period: "1/31") is drawn as an outline and has its coverage under its period.
    /// </summary>
    public static string SeriesBars(string id, string title, IReadOnlyList<SeriesPoint> points, DisplayUnit unit)
    {
        const double width = 240, baseline = 118, room = 84;
        var height = points.Any(p => p.Coverage is not null) ? 152 : 140;
        var max = points.Select(p => p.Value).DefaultIfEmpty(0).Max();
        var slot = (width - 20) / Math.Max(points.Count, 1);
        var barWidth = Math.Min(48, slot * 0.6);
        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg id=\"{E(id)}\" class=\"chart series\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:0} {height:0}\" role=\"img\" aria-label=\"{E(title)}\"><title>{E(title)}</title>");
        svg.Append(Inv, $"<line class=\"axis\" x1=\"10\" y1=\"{baseline:0}\" x2=\"{width - 10:0}\" y2=\"{baseline:0}\"/>");
        for (var i = 0; i < points.Count; i++)
        {
            var (period, value, coverage) = points[i];
            var length = max > 0 ? (double)(value / max) * room : 0;
            var centre = 10 + (slot * i) + (slot / 2);
            var classes = (i == points.Count - 1 ? " last" : "") + (coverage is null ? "" : " partial");
            svg.Append(Inv, $"<g class=\"point\" data-period=\"{E(period)}\">");
            svg.Append(Inv, $"<rect class=\"sbar{classes}\" x=\"{centre - (barWidth / 2):0.##}\" y=\"{baseline - length:0.##}\" width=\"{barWidth:0.##}\" height=\"{Math.Max(length, 0.5):0.##}\" rx=\"2\"/>");
            svg.Append(Inv, $"<text class=\"sv\" x=\"{centre:0.##}\" y=\"{baseline - length - 5:0.##}\" text-anchor=\"middle\">{E(unit.Format(value))}</text>");
            svg.Append(Inv, $"<text class=\"sp\" x=\"{centre:0.##}\" y=\"{baseline + 16:0}\" text-anchor=\"middle\">{E(period)}</text>");
            if (coverage is not null)
            {
                svg.Append(Inv, $"<text class=\"sc\" x=\"{centre:0.##}\" y=\"{baseline + 30:0}\" text-anchor=\"middle\">{E(coverage)} 报送</text>");
            }

            svg.Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>One bar of <see cref="SeriesBars"/>: the period's label, its value, and its coverage when provisional.</summary>
    public readonly record struct SeriesPoint(string Period, decimal Value, string? Coverage);
}
