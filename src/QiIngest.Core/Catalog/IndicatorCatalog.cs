using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace QiIngest.Core.Catalog;

/// <summary>The indicator catalog of section 3, resolving codes, Chinese and English names and aliases.</summary>
public sealed class IndicatorCatalog
{
    private readonly FrozenDictionary<string, Indicator> _byKey;
    private readonly FrozenDictionary<string, Indicator> _byExactName;
    private readonly FrozenDictionary<string, Indicator>.AlternateLookup<ReadOnlySpan<char>> _byExactSpan;
    private readonly FrozenDictionary<string, Indicator> _byCode;

    /// <summary>Builds a catalog from the rows of <c>indicators.csv</c>.</summary>
    public IndicatorCatalog(IEnumerable<Indicator> indicators)
    {
        All = [.. indicators.Select((indicator, index) => indicator with { Index = index })];
        _byCode = All.ToFrozenDictionary(i => i.Code, StringComparer.Ordinal);
        if (All.Count > 64)
        {
            throw new InvalidOperationException($"The catalog has {All.Count} indicators; duplicate detection keeps one bit per indicator and supports 64.");
        }
        var byKey = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        foreach (var indicator in All)
        {
            foreach (var name in new[] { indicator.Code, indicator.NameZh, indicator.NameEn }.Concat(indicator.Aliases))
            {
                var key = Text.Key(name);
                if (byKey.TryGetValue(key, out var other) && other.Code != indicator.Code)
                {
                    throw new InvalidOperationException($"The catalog name '{name}' names both {other.Code} and {indicator.Code}.");
                }

                byKey[key] = indicator;
            }
        }

        _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);

        // Most cells name an indicator exactly as the catalog does: that lookup needs no normalisation.
        _byExactName = All.SelectMany(i => new[] { i.Code, i.NameZh, i.NameEn }.Concat(i.Aliases).Select(n => (Name: n, Indicator: i)))
            .DistinctBy(x => x.Name)
            .ToFrozenDictionary(x => x.Name, x => x.Indicator, StringComparer.Ordinal);
        _byExactSpan = _byExactName.GetAlternateLookup<ReadOnlySpan<char>>();
        _nearest = new Lazy<NearestNames>(() => new NearestNames(All.SelectMany(i => new[] { i.Code, i.NameZh, i.NameEn }.Concat(i.Aliases).Select(n => (n, $"{i.Code} ({i.NameZh})")))));
    }

    private readonly Lazy<NearestNames> _nearest;

    /// <summary>The codes, names and aliases nearest to a name that does not resolve ("did you mean").</summary>
    internal NearestNames Nearest => _nearest.Value;

    /// <summary>The <c>unknown-indicator</c> of a cell that names no indicator of the catalog, with the nearest names when <paramref name="suggest"/>.</summary>
    internal Validation.Issue UnknownIndicator(string text, bool suggest, int? row, string? column)
    {
        var hint = suggest ? Nearest.DidYouMean(text) : null;
        return new Validation.Issue(
            Validation.IssueType.UnknownIndicator,
            hint is null
                ? $"'{text}' is not an indicator of the catalog: use a code such as IT_INSTITUTIONS, or its Chinese or English name."
                : $"'{text}' is not an indicator of the catalog: {hint} Otherwise use a code such as IT_INSTITUTIONS, or its Chinese or English name.",
            row,
            column)
        {
            MessageZh = hint is null
                ? $"“{text}”不是指标目录中的指标：请使用指标代码（如 IT_INSTITUTIONS）或其中文、英文名称。"
                : $"“{text}”不是指标目录中的指标：{Nearest.DidYouMeanZh(text)}否则请使用指标代码（如 IT_INSTITUTIONS）或其中文、英文名称。",
        };
    }

    /// <summary>The catalog of the reporting form v1, embedded in this assembly.</summary>
    public static IndicatorCatalog Default { get; } = new(ReadEmbedded());

    /// <summary>Every indicator, in catalog order.</summary>
    public IReadOnlyList<Indicator> All { get; }

    /// <summary>The indicator with this canonical code.</summary>
    public Indicator this[string code] => _byCode[code];

    /// <summary>Resolves a code, name or alias (after NFKC, trimming, case-insensitively).</summary>
    public bool TryResolve(string? text, [NotNullWhen(true)] out Indicator? indicator)
    {
        indicator = null;
        return !string.IsNullOrWhiteSpace(text) && (_byExactName.TryGetValue(text, out indicator) || _byKey.TryGetValue(Text.Key(text), out indicator));
    }

    /// <summary>Resolves a cell's text; a name written exactly as the catalog writes it needs no copy of the text.</summary>
    internal bool TryResolve(ReadOnlySpan<char> text, [NotNullWhen(true)] out Indicator? indicator) =>
        _byExactSpan.TryGetValue(text, out indicator) || TryResolve(text.ToString(), out indicator);

    private static IEnumerable<Indicator> ReadEmbedded()
    {
        foreach (var row in EmbeddedCsv.Read("QiIngest.Core.indicators.csv"))
        {
            yield return new Indicator
            {
                Code = row["code"],
                NameZh = row["name_zh"],
                NameEn = row["name_en"],
                Aliases = row["aliases"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Kind = row["kind"] switch
                {
                    "count" => IndicatorKind.Count,
                    "money" => IndicatorKind.Money,
                    "rate" => IndicatorKind.Rate,
                    var other => throw new InvalidOperationException($"Unknown indicator kind '{other}'."),
                },
                Unit = row["unit"],
                IsNational = row["reported_by"] == "national",
                IsSum = row["aggregation"] == "sum",
                IsStock = row["stock_or_flow"] == "stock",
            };
        }
    }
}
