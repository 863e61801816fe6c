using QiIngest.Core.Catalog;

namespace QiIngest.Core.Templates;

/// <summary>
/// An empty return in the long layout (section 5.1) for one reporter and period, so that reporters start from a file the
/// pipeline reads. Title rows above the header (section 5.5) say in Chinese and English whose return it is and how to fill it
/// in; the header names the columns by names the form knows: <c>indicator_code</c>, <c>指标名称</c> and <c>indicator</c>
/// (code, Chinese and English name of the same indicator), <c>value</c>, <c>unit</c> (the canonical unit, filled in; 万元,
/// 亿元 … may replace it) and <c>note</c>. One row per indicator the reporter reports, with the value left empty: empty it
/// is accepted with <c>missing-cell</c> warnings, filled in it is accepted.
/// </summary>
/// <param name="Reporter">The reporter code.</param>
/// <param name="Period">The period.</param>
/// <param name="Rows">The rows: title rows, the header, then one row per indicator.</param>
public sealed record ReturnTemplate(string Reporter, Period Period, IReadOnlyList<string[]> Rows)
{
    /// <summary>The header cells.</summary>
    public static readonly string[] Header = ["indicator_code", "指标名称", "indicator", "value", "unit", "note"];

    private const string Instructions = "在 value 列填写数值；单位可改为 万元、亿元 等；缺失请留空，不要填 0。Fill in the value column; the unit may be changed (万元, 亿元 …); leave a missing value empty, not 0.";

    /// <summary>The 0-based column of the value.</summary>
    public const int ValueColumn = 3;

    /// <summary>How many title rows precede the header.</summary>
    public const int TitleRows = 3;

    /// <summary>The template of <paramref name="reporter"/> (a resolved code) for <paramref name="period"/>.</summary>
    public static ReturnTemplate For(string reporter, Period period, IndicatorCatalog? catalog = null, ReporterRegistry? reporters = null)
    {
        catalog ??= IndicatorCatalog.Default;
        reporters ??= ReporterRegistry.Default;
        var national = reporter == ReporterRegistry.NationalCode;
        var who = reporters.FindProvince(reporter) is { } p ? $"{reporter} {p.NameZh} {p.NameEn}" : $"{reporter} 国家市场监督管理总局 SAMR";
        List<string[]> rows =
        [
            [$"质量基础设施统计报表 {period}年 · Quality infrastructure statistics return {period}"],
            [$"填报单位 Reporter: {who}", $"统计年度 Period: {period}"],
            [Instructions],
            Header,
        ];
        rows.AddRange(catalog.All.Where(i => i.IsNational == national).Select(i => new[] { i.Code, i.NameZh, i.NameEn, "", i.Unit, "" }));
        return new ReturnTemplate(reporter, period, rows);
    }

    /// <summary>A file name for the template: <c>{reporter}-{period}-template.{ext}</c>.</summary>
    public string FileName(string extension) => $"{Reporter}-{Period}-template.{extension}";
}
