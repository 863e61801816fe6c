using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;

namespace QiIngest.Core.Reports;

/// <summary>
/// <c>reports/{period}/index.html</c>: the national dashboard a statistician reads. One self-contained page: inline CSS,
/// inline SVG charts drawn here, a tiny inline script for the Chinese/English toggle, and a Content-Security-Policy
/// that lets the page load nothing else at all.
/// </summary>
/// <remarks>
/// Key figures carry stable ids: <c>value-{CODE}</c> for each figure shown, <c>yoy-{CODE}</c> for its growth,
/// <c>share-IT_PRIVATE_SHARE</c> for the share, <c>chart-province-{CODE}</c> and <c>chart-series-{CODE}</c> for the
/// charts, <c>coverage</c> for the coverage table. Every text that can come from a reporter is HTML-encoded. Both
/// languages are always in the DOM; the toggle (or a link ending in <c>#zh</c>, <c>#en</c>) hides one of them.
/// </remarks>
public static class DashboardPage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Style = """
        :root{--ink:#1c2733;--muted:#5d6b79;--line:#dde3ea;--bg:#f4f6f9;--card:#fff;--blue:#1f5fa8;--blue-soft:#9fbfe3;--up:#13803d;--down:#b42318;--warn:#a15c00}
        *{box-sizing:border-box}
        html{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","Segoe UI",system-ui,sans-serif;color:var(--ink);background:var(--bg);font-size:15px;line-height:1.45}
        body{margin:0}
        html[data-lang=zh] .en,html[data-lang=en] .zh{display:none!important}
        .zh+.en{margin-left:.45em}
        .en{color:var(--muted);font-weight:400}
        header.top{background:#17324f;color:#fff;padding:22px 40px 18px;display:flex;justify-content:space-between;align-items:flex-start;gap:24px}
        header.top h1{margin:0;font-size:26px;font-weight:700}
        header.top h1 .en{display:block;margin:3px 0 0;color:#c9d7e6;font-size:16px}
        header.top .meta{margin:10px 0 0;color:#dfe8f2;font-size:14px}
        header.top .meta .en{color:#b4c6d9}
        .badge{display:inline-block;border-radius:4px;padding:1px 8px;font-weight:700;font-size:13px;margin-right:6px}
        .badge.final{background:#d3f0dc;color:#0b5a27}
        .badge.provisional{background:#ffe7bf;color:#7a4300}
        header.top .badge .en{color:inherit;opacity:.8}
        nav.lang{display:flex;gap:6px;flex-shrink:0}
        nav.lang button{font:inherit;font-size:13px;border:1px solid #7f98b3;background:transparent;color:#fff;border-radius:4px;padding:3px 10px;cursor:pointer}
        nav.lang button[aria-pressed=true]{background:#fff;color:#17324f}
        main{padding:8px 40px 40px;max-width:1400px;margin:0 auto}
        section{margin-top:26px}
        h2{font-size:19px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
        h2 .en{font-size:15px}
        h2 small{font-size:15px;font-weight:400;color:var(--muted);margin-left:.4em}
        .cards{display:grid;grid-template-columns:repeat(3,1fr);gap:14px}
        .cards.small{grid-template-columns:repeat(3,1fr)}
        .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px 12px}
        .card h3{margin:0;font-size:15px;font-weight:600}
        .card h3 .en{display:block;margin:1px 0 0;font-size:12.5px}
        .card .value{margin:8px 0 2px;font-size:30px;font-weight:700;font-variant-numeric:tabular-nums;color:var(--blue);white-space:nowrap}
        .cards.small .card .value{font-size:24px}
        .card .value .unit{font-size:15px;font-weight:500;color:var(--muted);margin-left:4px}
        .card .value .unit .en{font-size:12px}
        .card.share .value{color:#8a3b00}
        .card .growth{margin:2px 0 0;font-size:14px}
        .card .growth b{font-size:17px;font-variant-numeric:tabular-nums}
        .card .growth.up b{color:var(--up)}
        .card .growth.down b{color:var(--down)}
        .card .foot{margin:6px 0 0;color:var(--muted);font-size:12.5px}
        .card .value.missing,.cards.small .card .value.missing{color:var(--warn);font-size:17px;font-weight:600;margin:10px 0 4px}
        .card .value.missing .en{font-size:14px}
        p.note{margin:-4px 0 10px;color:var(--muted);font-size:12.5px}
        .grid{display:grid;grid-template-columns:repeat(3,1fr);gap:14px}
        .grid.series{grid-template-columns:repeat(5,1fr);gap:12px}
        .grid.series figure{padding:10px 12px}
        .grid.series figcaption{font-size:13px;min-height:3.1em}
        figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;display:flex;flex-direction:column}
        figure svg.chart{margin-top:auto}
        figcaption{font-weight:600;font-size:14px;margin-bottom:6px}
        figcaption .en{display:block;margin:1px 0 0;font-size:12px}
        figcaption small{font-weight:400;color:var(--muted);margin-left:.4em}
        figcaption small .en{display:inline;font-size:inherit}
        svg.chart{width:100%;height:auto;display:block;font-family:inherit}
        svg .pl{font-size:11.5px;fill:#27313c}
        svg .ple{fill:#6b7785;font-size:10.5px}
        svg .pv{font-size:11px;fill:#27313c;font-variant-numeric:tabular-nums}
        svg .na{font-size:11px;fill:var(--warn)}
        svg .bar{fill:var(--blue)}
        svg .sbar{fill:var(--blue-soft)}
        svg .sbar.last{fill:var(--blue)}
        svg .sbar.partial{fill:#fff6e6;stroke:var(--warn);stroke-width:1.2;stroke-dasharray:3 2}
        svg .sc{font-size:10.5px;fill:var(--warn)}
        svg .sv{font-size:12px;font-weight:600;fill:#27313c}
        svg .sp{font-size:12px;fill:var(--muted)}
        svg .axis{stroke:#b8c2cc;stroke-width:1}
        table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);font-size:13px}
        th,td{padding:5px 9px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
        th{background:#eaeef3;font-weight:600}
        th .en{display:block;margin:0;font-size:11.5px}
        td.name .en{font-size:12px}
        td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.code,td.sha{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:12px}
        td.file{word-break:break-all}
        tr.missing td{background:#fff6e6}
        .ok{color:var(--up);font-weight:600}
        .no{color:var(--warn);font-weight:600}
        footer{margin-top:28px;color:var(--muted);font-size:12.5px}
        footer p{margin:4px 0}
        footer code{word-break:break-all}
        """;

    private const string Script = """
        (function(){var root=document.documentElement;var buttons=document.querySelectorAll('nav.lang button');function set(lang){root.setAttribute('data-lang',lang);buttons.forEach(function(b){b.setAttribute('aria-pressed',String(b.getAttribute('data-set')===lang));});}buttons.forEach(function(b){b.addEventListener('click',function(){set(b.getAttribute('data-set'));});});var h=location.hash.slice(1);if(h==='zh'||h==='en'||h==='both'){set(h);}})();
        """;

    /// <summary>Renders the dashboard of <paramref name="current"/>, with time series over <paramref name="history"/>.</summary>
    /// <param name="current">The rollup shown.</param>
    /// <param name="history">Rollups of other periods (the current one may be among them; it wins); a time series is drawn for each figure known in at least two periods.</param>
    /// <param name="reporters">The reporters, for province names and the coverage table; the embedded registry when null.</param>
    /// <returns>The page as HTML text (write it as UTF-8).</returns>
    public static string Render(NationalRollup current, IReadOnlyList<NationalRollup> history, ReporterRegistry? reporters = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(history);
        reporters ??= ReporterRegistry.Default;
        var periods = history.Where(h => h.Period != current.Period).Append(current).GroupBy(h => h.Period).Select(g => g.Last()).OrderBy(h => h.Period.Year).ToList();
        var inputs = current.Inputs.ToDictionary(i => i.Reporter, StringComparer.Ordinal);

        var html = new StringBuilder(256 * 1024);
        var title = $"全国质量基础设施统计 {current.Period} · National quality infrastructure statistics {current.Period}";
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\" data-lang=\"both\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(Inv, $"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '{Hash(Style)}'; script-src '{Hash(Script)}'; img-src 'none'; base-uri 'none'; form-action 'none'\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(Inv, $"<title>{E(title)}</title>\n<style>{Style}</style>\n</head>\n<body>\n");
        Header(html, current);
        html.Append("<main>\n");
        Headline(html, current);
        NationalCards(html, current);
        Series(html, current, periods, reporters);
        ProvinceCharts(html, current, inputs, reporters);
        Coverage(html, current, inputs, reporters);
        FigureTable(html, current);
        Footer(html, current);
        html.Append("</main>\n");
        html.Append(Inv, $"<script>{Script}</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder html, NationalRollup r)
    {
        var final = r.IsFinal;
        html.Append("<header class=\"top\"><div>");
        html.Append(Inv, $"<h1>{Bi($"全国质量基础设施统计 {r.Period}年", $"National quality infrastructure statistics, {r.Period}")}</h1>");
        html.Append("<p class=\"meta\">");
        html.Append(Inv, $"<span id=\"status\" class=\"badge {(final ? "final" : "provisional")}\" data-status=\"{E(r.Status)}\">{(final ? Bi("正式数", "final") : Bi("初步数", "provisional"))}</span> ");
        html.Append(Inv, $"<span id=\"reported\">{Bi($"已报送 {r.Coverage.Reported}/{r.Coverage.Expected} 个单位", $"{r.Coverage.Reported} of {r.Coverage.Expected} reporters")}</span> · ");
        var computed = ChinaTime.ToChina(r.ComputedAt);
        html.Append(Inv, $"{Bi("计算时间", "computed")} <time id=\"computed-at\" datetime=\"{computed:O}\">{computed:yyyy-MM-dd HH:mm:ss} UTC+8</time> {Bi("北京时间", "China Standard Time")}");
        html.Append("</p></div>");
        html.Append("<nav class=\"lang\" aria-label=\"语言 Language\"><button type=\"button\" data-set=\"both\" aria-pressed=\"true\">中 / EN</button><button type=\"button\" data-set=\"zh\" aria-pressed=\"false\">中文</button><button type=\"button\" data-set=\"en\" aria-pressed=\"false\">English</button></nav>");
        html.Append("</header>\n");
    }

    private static void Headline(StringBuilder html, NationalRollup r)
    {
        html.Append(Inv, $"<section id=\"headline\"><h2>{Bi("主要指标（各省合计）", "Headline figures (sum of the provinces)")}</h2><div class=\"cards\">");
        foreach (var f in HeadlineFigures(r))
        {
            Card(html, f);
        }

        html.Append("</div></section>\n");
    }

    private static void NationalCards(StringBuilder html, NationalRollup r)
    {
        var national = r.Figures.Where(f => !IsHeadline(f)).ToList();
        if (national.Count == 0)
        {
            return;
        }

        html.Append(Inv, $"<section id=\"national\"><h2>{Bi("全国指标（市场监管总局报送）", "National indicators (reported by SAMR, 100000)")}</h2><div class=\"cards small\">");
        foreach (var f in national)
        {
            Card(html, f);
        }

        html.Append("</div></section>\n");
    }

    private static void Card(StringBuilder html, NationalFigure f)
    {
        var unit = DisplayUnit.For(f);
        var share = f.Code == NationalRollupCalculator.PrivateShareCode;
        var id = share ? $"share-{f.Code}" : $"value-{f.Code}";
        html.Append(Inv, $"<article class=\"card{(share ? " share" : "")}\" id=\"card-{E(f.Code)}\" data-code=\"{E(f.Code)}\">");
        html.Append(Inv, $"<h3>{Bi(f.NameZh, f.NameEn)}</h3>");
        if (f.Value is decimal value)
        {
            html.Append(Inv, $"<p class=\"value\"><span id=\"{E(id)}\">{E(unit.Format(value))}</span>");
            if (unit.Kind != IndicatorKind.Rate)
            {
                html.Append(Inv, $"<span class=\"unit\">{(unit.LabelEn.Length > 0 ? Bi(unit.LabelZh, unit.LabelEn) : E(unit.LabelZh))}</span>");
            }

            html.Append("</p>");
        }
        else
        {
            html.Append(Inv, $"<p class=\"value missing\"><span id=\"{E(id)}\">—</span> {Bi("无人报送", "not reported")}</p>");
        }

        if (f.YoyRounded is decimal yoy)
        {
            var direction = yoy > 0 ? "up" : yoy < 0 ? "down" : "flat";
            var arrow = yoy > 0 ? "▲" : yoy < 0 ? "▼" : "■";
            html.Append(Inv, $"<p class=\"growth {direction}\">{Bi("同比", "year on year")} <b>{arrow} <span id=\"yoy-{E(f.Code)}\">{E(DisplayUnit.Yoy(yoy))}</span></b></p>");
        }
        else if (f.Kind != IndicatorKind.Rate && IsHeadline(f) && f.Value is not null)
        {
            html.Append(Inv, $"<p class=\"growth\">{Bi("同比：无上年可比数据", "year on year: no comparable previous year")}</p>");
        }

        html.Append(Inv, $"<p class=\"foot\">{Foot(f)}</p></article>");
    }

    private static string Foot(NationalFigure f)
    {
        if (f.Code == NationalRollupCalculator.PrivateShareCode)
        {
            return Bi($"民营机构数 ÷ 机构总数，{f.Reporters} 个省级单位", $"private ÷ all institutions, {Provinces(f.Reporters)}");
        }

        if (!IsHeadline(f))
        {
            return f.Reporters > 0 ? Bi("市场监管总局报送", "reported by SAMR") : Bi("市场监管总局未报送", "not reported by SAMR");
        }

        return Bi($"{f.Reporters} 个省级单位合计", $"sum of {Provinces(f.Reporters)}");
    }

    private static string Provinces(int count) => count == 1 ? "1 province" : string.Create(Inv, $"{count} provinces");

    private static void ProvinceCharts(StringBuilder html, NationalRollup r, Dictionary<string, ReporterInput> inputs, ReporterRegistry reporters)
    {
        var charted = HeadlineFigures(r).ToList();
        if (charted.Count == 0)
        {
            return;
        }

        html.Append(Inv, $"<section id=\"provinces\"><h2>{Bi("分省情况", "By province")}</h2><div class=\"grid\">");
        foreach (var f in charted)
        {
            var unit = DisplayUnit.For(f);
            var rows = reporters.Provinces.Select(p => (p, ProvinceValue(f.Code, inputs.GetValueOrDefault(p.Code)))).ToList();
            html.Append(Inv, $"<figure><figcaption>{Caption(f, unit)}</figcaption>");
            html.Append(DashboardCharts.ProvinceBars($"chart-province-{f.Code}", $"{f.NameZh} {f.NameEn}: {r.Period}", rows, unit));
            html.Append("</figure>");
        }

        html.Append("</div></section>\n");
    }

    private static decimal? ProvinceValue(string code, ReporterInput? input)
    {
        if (input is null)
        {
            return null;
        }

        if (code != NationalRollupCalculator.PrivateShareCode)
        {
            return input.Totals.GetValueOrDefault(code);
        }

        return input.Totals.GetValueOrDefault("IT_INSTITUTIONS") is decimal all and not 0 && input.Totals.GetValueOrDefault("IT_INSTITUTIONS_PRIVATE") is decimal privately
            ? 100m * privately / all
            : null;
    }

    private static void Series(StringBuilder html, NationalRollup r, List<NationalRollup> periods, ReporterRegistry reporters)
    {
        var charts = new List<string>();
        foreach (var f in r.Figures)
        {
            // A provisional period's bar carries how many of the expected reporters it adds up, so that 1 of 31 does
            // not read as a collapse next to a final year.
            var expected = IsHeadline(f) ? reporters.Provinces.Count : 1;
            var points = periods
                .Select(p => (Period: p.Period + (p.IsFinal ? "" : "*"), Figure: p.Find(f.Code), p.IsFinal))
                .Where(p => p.Figure?.Value is not null)
                .Select(p => new DashboardCharts.SeriesPoint(p.Period, p.Figure!.Value!.Value, p.IsFinal ? null : string.Create(Inv, $"{p.Figure.Reporters}/{expected}")))
                .ToList();
            if (points.Count < 2)
            {
                continue;
            }

            var unit = DisplayUnit.For(f);
            charts.Add(string.Create(Inv, $"<figure><figcaption>{Caption(f, unit)}</figcaption>{DashboardCharts.SeriesBars($"chart-series-{f.Code}", $"{f.NameZh} {f.NameEn}", points, unit)}</figure>"));
        }

        if (charts.Count == 0)
        {
            return;
        }

        html.Append(Inv, $"<section id=\"series\"><h2>{Bi("历年变化", "Over time")}</h2>");
        if (periods.Any(p => !p.IsFinal))
        {
            html.Append(Inv, $"<p class=\"note\">* {Bi("初步数：尚未全部报送，柱下注明已报送单位数", "provisional: not every reporter has reported yet; under the bar, how many have")}</p>");
        }

        html.Append("<div class=\"grid series\">");
        foreach (var chart in charts)
        {
            html.Append(chart);
        }

        html.Append("</div></section>\n");
    }

    private static void FigureTable(StringBuilder html, NationalRollup r)
    {
        html.Append(Inv, $"<section id=\"figures\"><h2>{Bi("全部指标", "All figures")}</h2><table><thead><tr>");
        html.Append(Inv, $"<th>{Bi("代码", "Code")}</th><th>{Bi("指标", "Indicator")}</th><th>{Bi("数值", "Value")}</th><th>{Bi("单位", "Unit")}</th><th>{Bi("同比 %", "YoY %")}</th><th>{Bi("报送单位数", "Reporters")}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var f in r.Figures)
        {
            // As the cards show them (亿元, 万元); national.json and the CSVs keep the exact values.
            var unit = DisplayUnit.For(f);
            var shown = f.Rounded is decimal v ? unit.Format(v) : "—";
            var label = unit.Kind == IndicatorKind.Rate ? "%" : unit.LabelEn.Length > 0 ? Bi(unit.LabelZh, unit.LabelEn) : E(unit.LabelZh);
            var yoy = f.YoyRounded is decimal y ? y.ToString("F1", Inv) : "—";
            html.Append(Inv, $"<tr data-code=\"{E(f.Code)}\"><td class=\"code\">{E(f.Code)}</td><td class=\"name\">{Bi(f.NameZh, f.NameEn)}</td><td class=\"num\">{E(shown)}</td><td>{label}</td><td class=\"num\">{E(yoy)}</td><td class=\"num\">{f.Reporters}</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Coverage(StringBuilder html, NationalRollup r, Dictionary<string, ReporterInput> inputs, ReporterRegistry reporters)
    {
        html.Append(Inv, $"<section id=\"coverage-section\"><h2>{Bi("报送情况", "Coverage")} <small>{r.Coverage.Reported}/{r.Coverage.Expected}</small></h2>");
        html.Append(Inv, $"<table id=\"coverage\"><thead><tr><th>{Bi("代码", "Code")}</th><th>{Bi("报送单位", "Reporter")}</th><th>{Bi("状态", "Status")}</th><th>{Bi("版本", "Version")}</th><th>{Bi("文件", "File")}</th><th>SHA-256</th></tr></thead><tbody>");
        foreach (var code in reporters.Expected.Concat(inputs.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var province = reporters.FindProvince(code);
            var name = province is not null ? Bi(province.NameZh, province.NameEn) : code == ReporterRegistry.NationalCode ? Bi("国家市场监督管理总局", "State Administration for Market Regulation") : E(code);
            if (inputs.TryGetValue(code, out var input))
            {
                var sha = input.Sha256 ?? "";
                html.Append(Inv, $"<tr data-reporter=\"{E(code)}\"><td class=\"code\">{E(code)}</td><td>{name}</td><td class=\"ok\">{Bi("已报送", "reported")}</td><td class=\"num\">v{input.Version}</td><td class=\"file\">{E(input.File)}</td><td class=\"sha\" title=\"{E(sha)}\">{E(sha.Length > 12 ? sha[..12] + "…" : sha)}</td></tr>");
            }
            else
            {
                html.Append(Inv, $"<tr class=\"missing\" data-reporter=\"{E(code)}\"><td class=\"code\">{E(code)}</td><td>{name}</td><td class=\"no\">{Bi("未报送", "missing")}</td><td class=\"num\">—</td><td>—</td><td>—</td></tr>");
            }
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Footer(StringBuilder html, NationalRollup r)
    {
        html.Append("<footer>");
        html.Append(Inv, $"<p>{Bi("合计指标为各省（区、市）当前版本报送数之和；全国指标取自市场监管总局（100000）报送数。", "Sums add the current accepted version of each province; national indicators are those reported by SAMR (100000).")}</p>");
        html.Append(Inv, $"<p>{Bi("同比按可比口径计算：只计两年均有报送且均有数值的省份。数值四舍五入（0.5 进位）：计数取整，金额、比率保留 2 位小数，同比保留 1 位小数。", "Growth is like for like: only provinces with a value in both years count. Rounding is half away from zero: counts to whole numbers, money and rates to 2 decimals, growth to 1 decimal.")}</p>");
        html.Append(Inv, $"<p>{Bi("输入指纹", "Input fingerprint")}: <code id=\"fingerprint\">{E(r.Fingerprint)}</code></p>");
        html.Append("</footer>\n");
    }

    private static IEnumerable<NationalFigure> HeadlineFigures(NationalRollup r) => r.Figures.Where(IsHeadline);

    /// <summary>A headline figure is one computed from the provinces: the sums and the derived share.</summary>
    private static bool IsHeadline(NationalFigure f) => f.Aggregation != FigureAggregation.National;

    private static string Caption(NationalFigure f, DisplayUnit unit)
    {
        var note = unit.Kind == IndicatorKind.Rate ? "%" : unit.LabelEn.Length > 0 ? Bi(unit.LabelZh, unit.LabelEn) : E(unit.LabelZh);
        return $"<span class=\"zh\" lang=\"zh-CN\">{E(f.NameZh)}</span><small>({note})</small><span class=\"en\" lang=\"en\">{E(f.NameEn)}</span>";
    }

    private static string Bi(string zh, string en) => $"<span class=\"zh\" lang=\"zh-CN\">{E(zh)}</span><span class=\"en\" lang=\"en\">{E(en)}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Hash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
