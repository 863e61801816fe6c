using System.Diagnostics.CodeAnalysis;
using QiIngest.Core.Catalog;

namespace QiIngest.Core.Normalising;

/// <summary>A unit of section 6: its kind and the factor to the canonical unit (元, the count label itself, %).</summary>
/// <param name="Label">The unit as written after NFKC (万元).</param>
/// <param name="Kind">The kind of indicator it fits.</param>
/// <param name="Factor">Multiply a value in this unit by this to get the canonical unit.</param>
public readonly record struct Unit(string Label, IndicatorKind Kind, decimal Factor)
{
    private static readonly Dictionary<string, (IndicatorKind Kind, decimal Factor)> Base = new(StringComparer.Ordinal)
    {
        ["元"] = (IndicatorKind.Money, 1m),
        ["家"] = (IndicatorKind.Count, 1m),
        ["个"] = (IndicatorKind.Count, 1m),
        ["项"] = (IndicatorKind.Count, 1m),
        ["件"] = (IndicatorKind.Count, 1m),
        ["%"] = (IndicatorKind.Rate, 1m),
    };

    /// <summary>The base labels in the order of <see cref="Written"/> and of <see cref="TryParseWritten"/>.</summary>
    private const string BaseLabels = "元家个项件%";

    /// <summary>
    /// Every unit label the form knows, as written (元, 万元, 亿元, 家, 万家 …), by magnitude (none, 万, 亿) and base label:
    /// looked up before any normalising. A default entry (null label) is not a unit (万%).
    /// </summary>
    private static readonly Unit[] Written =
        [.. new[] { string.Empty, "万", "亿" }.SelectMany(m => BaseLabels.Select(b => TryParseLabel(m + b, out var unit) ? unit : default))];

    /// <summary>Parses 元, 万元, 亿元, 家, 个, 项, 件, 万家 … and %, after NFKC.</summary>
    public static bool TryParse(string? text, out Unit unit)
    {
        if (TryParseWritten(text, out unit))
        {
            return true;
        }

        return TryParseLabel(text, out unit);
    }

    /// <summary>As <see cref="TryParse(string?, out Unit)"/>; a unit written as the form writes it needs no copy of the text.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, out Unit unit) => TryParseWritten(text, out unit) || TryParseLabel(text.ToString(), out unit);

    /// <summary>A unit exactly as the form writes it (no white space, no NFKC needed).</summary>
    internal static bool TryParseWritten(ReadOnlySpan<char> text, out Unit unit)
    {
        unit = default;
        if (text.Length is not (1 or 2))
        {
            return false;
        }

        var magnitude = text.Length == 1 ? 0 : text[0] == '万' ? 1 : text[0] == '亿' ? 2 : -1;
        var label = magnitude < 0 ? -1 : text[^1] switch
        {
            '元' => 0,
            '家' => 1,
            '个' => 2,
            '项' => 3,
            '件' => 4,
            '%' => 5,
            _ => -1,
        };
        if (label < 0 || Written[(magnitude * BaseLabels.Length) + label] is not { Label: not null } written)
        {
            return false;
        }

        unit = written;
        return true;
    }

    private static bool TryParseLabel(string? text, out Unit unit)
    {
        unit = default;
        var label = Text.Normalise(text);
        if (string.IsNullOrEmpty(label))
        {
            return false;
        }

        var factor = 1m;
        var rest = label;
        if (Magnitude.TryStrip(ref rest, out var magnitude))
        {
            factor = magnitude;
        }

        if (!Base.TryGetValue(rest, out var found) || (found.Kind == IndicatorKind.Rate && factor != 1m))
        {
            return false;
        }

        unit = new Unit(label, found.Kind, factor * found.Factor);
        return true;
    }

    private static readonly Lazy<Dictionary<IndicatorKind, NearestNames>> NearestLabels = new(() =>
        Written.Where(u => u.Label is not null).GroupBy(u => u.Kind).ToDictionary(g => g.Key, g => new NearestNames(g.Select(u => (u.Label, u.Label)))));

    /// <summary>
    /// For "did you mean 万元?": the one unit of the indicator's kind nearest to a unit the form does not know, or null
    /// (a unit of another currency, 美元, is as near to 元 as to 万元: no guess).
    /// </summary>
    internal static string? Nearest(string? text, IndicatorKind kind) =>
        NearestLabels.Value.TryGetValue(kind, out var nearest) && nearest.Find(text) is [var one] ? one : null;

    /// <summary>The kind's name as a person reads it in a message.</summary>
    public static string Describe(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Money => "money (元, 万元, 亿元)",
        IndicatorKind.Count => "a count (家, 个, 项, 件)",
        _ => "a rate (%)",
    };

    /// <summary>The kind's name in Chinese, for a message.</summary>
    public static string DescribeZh(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Money => "金额（元、万元、亿元）",
        IndicatorKind.Count => "计数（家、个、项、件）",
        _ => "比率（%）",
    };

    /// <summary>Whether <paramref name="text"/> is a magnitude suffix alone (万, 亿).</summary>
    internal static bool IsMagnitude([NotNullWhen(true)] string? text) => text is "万" or "亿";
}

/// <summary>The magnitude suffixes 万 (10⁴) and 亿 (10⁸).</summary>
internal static class Magnitude
{
    public static bool TryStrip(ref string text, out decimal factor)
    {
        factor = 1m;
        if (text.Length > 1 && text[0] is '万' or '亿')
        {
            factor = text[0] == '万' ? 10_000m : 100_000_000m;
            text = text[1..];
            return true;
        }

        return false;
    }
}
