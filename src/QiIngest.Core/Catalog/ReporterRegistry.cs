using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace QiIngest.Core.Catalog;

/// <summary>The reporters of section 1: the 31 provinces and the national administration 100000.</summary>
public sealed class ReporterRegistry
{
    /// <summary>The code of the national administration.</summary>
    public const string NationalCode = "100000";

    private readonly FrozenDictionary<string, string> _codeByKey;
    private readonly FrozenDictionary<string, Province> _byCode;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _provinceByName;

    /// <summary>Builds a registry from the rows of <c>provinces.csv</c>.</summary>
    public ReporterRegistry(IEnumerable<Province> provinces)
    {
        Provinces = [.. provinces];
        _byCode = Provinces.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NationalCode] = NationalCode,
            ["全国"] = NationalCode,
            ["national"] = NationalCode,
            ["国家市场监督管理总局"] = NationalCode,
            ["市场监管总局"] = NationalCode,
            ["samr"] = NationalCode,
        };
        foreach (var p in Provinces)
        {
            foreach (var name in new[] { p.Code, p.NameZh, p.CommonZh, p.ShortZh, p.NameEn, p.Alpha })
            {
                byKey[Text.Key(name)] = p.Code;
            }
        }

        _codeByKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);

        // Section 5.4 names a province in a region cell by these four only (not by its one-character or alpha code).
        _provinceByName = Provinces.SelectMany(p => new[] { p.Code, p.NameZh, p.CommonZh, p.NameEn }.Select(n => (Key: Text.Key(n), p.Code)))
            .DistinctBy(x => x.Key)
            .ToFrozenDictionary(x => x.Key, x => x.Code, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        Expected = [.. Provinces.Select(p => p.Code), NationalCode];
    }

    /// <summary>The registry of the reporting form v1, embedded in this assembly.</summary>
    public static ReporterRegistry Default { get; } = new(ReadEmbedded());

    /// <summary>The 31 provinces in code order.</summary>
    public IReadOnlyList<Province> Provinces { get; }

    /// <summary>Every reporter the rollup expects: the 31 provinces, then 100000.</summary>
    public IReadOnlyList<string> Expected { get; }

    /// <summary>The province with this code, if it is one.</summary>
    public Province? FindProvince(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Resolves a code, Chinese name, common or short name, English name or alpha code (case-insensitively) to the reporter code.</summary>
    public bool TryResolve(string? text, [NotNullWhen(true)] out string? code)
    {
        code = null;
        return !string.IsNullOrWhiteSpace(text) && _codeByKey.TryGetValue(Text.Key(text), out code);
    }

    /// <summary>
    /// The province a region cell names by its code, Chinese name, common name or English name (section 5.4), given
    /// as a <see cref="Text.Key"/>.
    /// </summary>
    internal bool TryFindProvinceByKey(ReadOnlySpan<char> key, [NotNullWhen(true)] out string? code) => _provinceByName.TryGetValue(key, out code);

    private static IEnumerable<Province> ReadEmbedded()
    {
        foreach (var row in EmbeddedCsv.Read("QiIngest.Core.provinces.csv"))
        {
            yield return new Province
            {
                Code = row["code"],
                NameZh = row["name_zh"],
                CommonZh = row["common_zh"],
                ShortZh = row["short_zh"],
                NameEn = row["name_en"],
                Alpha = row["alpha"],
                Region = row["region"],
            };
        }
    }
}
