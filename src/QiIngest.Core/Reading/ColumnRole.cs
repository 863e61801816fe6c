using System.Collections.Frozen;

namespace QiIngest.Core.Reading;

/// <summary>The named columns of section 5.1 and the names that select them.</summary>
internal enum ColumnRole
{
    None,
    Indicator,
    Value,
    Unit,
    Province,
    Period,
    Region,
    Note,
}

internal static class ColumnRoles
{
    private static readonly (ColumnRole Role, string[] Names)[] Table =
    [
        (ColumnRole.Indicator, ["indicator", "indicator_code", "指标", "指标代码", "指标名称"]),
        (ColumnRole.Value, ["value", "数值", "值", "本期数", "本年数"]),
        (ColumnRole.Unit, ["unit", "单位", "计量单位"]),
        (ColumnRole.Province, ["province", "reporter", "省份", "省份代码", "省(区、市)"]),
        (ColumnRole.Period, ["period", "year", "年度", "统计年度", "时期"]),
        (ColumnRole.Region, ["region", "地市", "地区", "地区代码", "市州", "region_code", "region_name"]),
        (ColumnRole.Note, ["note", "备注", "remarks"]),
    ];

    private static readonly FrozenDictionary<string, ColumnRole> ByKey =
        Table.SelectMany(r => r.Names.Select(n => (Key: Text.Key(n), r.Role))).ToFrozenDictionary(x => x.Key, x => x.Role, StringComparer.Ordinal);

    private static NearestNames? _nearest;

    /// <summary>The names of the form's columns exactly as the form writes them, each with its role.</summary>
    public static IEnumerable<(string Name, ColumnRole Role)> Names => Table.SelectMany(r => r.Names.Select(n => (n, r.Role)));

    /// <summary>The column names of the form and the catalog's indicators, for a header cell that names neither ("did you mean").</summary>
    public static NearestNames Nearest(Catalog.IndicatorCatalog catalog)
    {
        // The embedded catalog's list is made once; another catalog's (tests) each time.
        if (catalog == Catalog.IndicatorCatalog.Default && _nearest is { } made)
        {
            return made;
        }

        var nearest = new NearestNames(Table.SelectMany(r => r.Names).Select(n => (n, n)).Concat(catalog.All.SelectMany(i => new[] { i.Code, i.NameZh, i.NameEn }.Concat(i.Aliases).Select(n => (n, $"{i.Code} ({i.NameZh})")))));
        if (catalog == Catalog.IndicatorCatalog.Default)
        {
            _nearest = nearest;
        }

        return nearest;
    }

    public static ColumnRole Resolve(string? text) => string.IsNullOrWhiteSpace(text) ? ColumnRole.None : ByKey.GetValueOrDefault(Text.Key(text), ColumnRole.None);
}
