using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using QiIngest.Core.Catalog;
using QiIngest.Core.Reading;
using QiIngest.Core.Reports;

namespace QiIngest.Core.Validation;

/// <summary>
/// What validating one return must remember across rows: the path checks, duplicates, the private/total pairs and the
/// totals of section 5.4. Its memory grows with the number of distinct regions, not with the file.
/// </summary>
internal sealed class ReturnState
{
    private const string Private = "IT_INSTITUTIONS_PRIVATE";
    private const string Institutions = "IT_INSTITUTIONS";

    private readonly ReporterRegistry _reporters;
    private readonly IndicatorCatalog _catalog;

    // One entry per region rather than one per row, looked up by the cell's text without copying it.
    private readonly TextKeyedTable<Region> _regions = new();
    private readonly IndicatorTotal?[] _totals;
    private readonly List<Indicator> _reported = [];
    private readonly HashSet<string> _badProvinces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _badPeriods = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isThisReporter;
    private readonly Func<string, bool> _isThisPeriod;
    private readonly PendingValues _pending = new();
    private readonly long _privateBit;
    private readonly long _institutionsBit;
    private decimal? _totalPrivate;
    private decimal? _totalInstitutions;
    private string? _goodProvince;
    private string? _goodPeriod;

    public ReturnState(UploadPath path, ReporterRegistry reporters, IndicatorCatalog catalog)
    {
        Path = path;
        _reporters = reporters;
        _catalog = catalog;
        _totals = new IndicatorTotal?[catalog.All.Count];
        _privateBit = catalog.All.FirstOrDefault(i => i.Code == Private) is { } p ? 1L << p.Index : 0;
        _institutionsBit = catalog.All.FirstOrDefault(i => i.Code == Institutions) is { } all ? 1L << all.Index : 0;

        // Made once: a lambda that uses this object would be a new delegate on every call.
        _isThisReporter = text => _reporters.TryResolve(text, out var code) && code == Path.Reporter;
        _isThisPeriod = text => Period.TryParseLenient(text, out var period) && period == Path.Period;
    }

    public UploadPath Path { get; }

    public ReporterRegistry Reporters => _reporters;

    public int ObservationCount { get; private set; }

    /// <summary>How many observations have a value (not a missing marker): none makes a blank template (section 8).</summary>
    public int ValueCount { get; private set; }

    public Dictionary<string, decimal?> Totals { get; } = new(StringComparer.Ordinal);

    public void CheckDocumentField(ColumnRole role, string? text, IssueCollector issues)
    {
        if (role == ColumnRole.Province)
        {
            CheckProvince(text, null, "reporter", issues);
        }
        else
        {
            CheckPeriod(text, null, "period", issues);
        }
    }

    public void CheckProvince(ReadOnlySpan<char> text, int? row, string? column, IssueCollector issues)
    {
        if (IsNewMismatch(text, ref _goodProvince, _badProvinces, _isThisReporter, out var written))
        {
            var suggest = issues.ListsNextError && !_reporters.TryResolve(written, out _);
            var hint = suggest ? _reporters.Nearest.DidYouMean(written) : null;
            var hintZh = suggest ? _reporters.Nearest.DidYouMeanZh(written) : null;
            issues.Add(new Issue(IssueType.ReporterMismatch, $"The file names the reporter '{written}' but was uploaded for {Path.Reporter}: upload it into the folder of the reporter it belongs to, or correct the {column ?? "province"} column{(hint is null ? "." : $" ('{written}' is not a reporter of the form: {hint})")}", row, column)
            {
                MessageZh = $"文件写的报送单位是“{written}”，却上传到了 {Path.Reporter} 的文件夹：请上传到所属报送单位的文件夹，或更正 {column ?? "省份"} 列{(hintZh is null ? "。" : $"（“{written}”不是报表的报送单位：{hintZh}）")}",
            });
        }
    }

    public void CheckPeriod(ReadOnlySpan<char> text, int? row, string? column, IssueCollector issues)
    {
        if (IsNewMismatch(text, ref _goodPeriod, _badPeriods, _isThisPeriod, out var written))
        {
            issues.Add(new Issue(IssueType.PeriodMismatch, $"The file gives the period '{written}' but was uploaded for {Path.Period}: upload it into the folder of its year, or correct the {column ?? "period"} column.", row, column) { MessageZh = $"文件写的统计期是“{written}”，却上传到了 {Path.Period} 的文件夹：请上传到对应年度的文件夹，或更正 {column ?? "年度"} 列。" });
        }
    }

    /// <summary>
    /// True (with the text) for a reporter or period cell that does not match the path and was not reported yet. Every
    /// row of a return gives the same one, if any: the last text that matched needs no second look.
    /// </summary>
    private static bool IsNewMismatch(ReadOnlySpan<char> text, ref string? matched, HashSet<string> reported, Func<string, bool> matches, [NotNullWhen(true)] out string? written)
    {
        written = null;
        if (Text.IsBlank(text) || text.SequenceEqual(matched))
        {
            return false;
        }

        written = text.ToString();
        if (matches(written))
        {
            matched = written;
            return false;
        }

        return reported.Add(written);
    }

    /// <summary>
    /// Records an observation of <c>indicator</c> for the region with this key (its code, else its name's key; empty for
    /// the total), named in messages by <c>region</c>; false (with an error) when it repeats an indicator and region.
    /// </summary>
    public bool Add(Indicator indicator, ReadOnlySpan<char> regionKey, ReadOnlySpan<char> region, decimal? value, int row, string column, IssueCollector issues)
    {
        var isTotal = regionKey.IsEmpty;
        ref var entry = ref _regions.GetOrAdd(regionKey);
        var bit = 1L << indicator.Index;
        if ((entry.Seen & bit) != 0)
        {
            issues.Add(new Issue(IssueType.DuplicateRow, $"{indicator.Code} for {Describe(region)} appears more than once: keep one row per indicator and region.", row, column) { MessageZh = $"{DescribeZh(region)}的 {indicator.Code} 出现了不止一次：每个指标和地区只保留一行。" });
            return false;
        }

        entry.Seen |= bit;
        ObservationCount++;
        if (value is not null)
        {
            ValueCount++;
        }

        ref var total = ref _totals[indicator.Index];
        if (total is null)
        {
            total = new IndicatorTotal();
            _reported.Add(indicator);
        }

        total.Add(isTotal, value, row);
        if (indicator.Code is Private or Institutions && TakePair(ref entry, isTotal, indicator.Code == Private, value, out var p, out var all) && p > all)
        {
            var where = isTotal ? Path.Reporter : Describe(region);
            var whereZh = isTotal ? Path.Reporter : DescribeZh(region);
            issues.Add(new Issue(IssueType.RowConstraint, $"{Private} ({Text.Format(p)}) is more than {Institutions} ({Text.Format(all)}) for {where}: private institutions are a part of all institutions.", row, column)
            {
                MessageZh = $"{whereZh}的 {Private}（{Text.Format(p)}）大于 {Institutions}（{Text.Format(all)}）：民营机构是全部机构的一部分。",
            });
        }

        return true;
    }

    /// <summary>
    /// Keeps the value of the first of a region's private/all institutions pair until the second comes, and then gives
    /// both (true) when both have a value. A region keeps a value only while its pair is half seen, so the table keeps
    /// no figure per region; the total row's pair is kept whole, for <see cref="CheckAcrossRows"/>.
    /// </summary>
    private bool TakePair(ref Region entry, bool isTotal, bool isPrivate, decimal? value, out decimal privateValue, out decimal allValue)
    {
        (privateValue, allValue) = (0m, 0m);
        decimal? other;
        if (isTotal)
        {
            (isPrivate ? ref _totalPrivate : ref _totalInstitutions) = value;
            other = isPrivate ? _totalInstitutions : _totalPrivate;
        }
        else if ((entry.Seen & (isPrivate ? _institutionsBit : _privateBit)) == 0)
        {
            // The first of the pair: kept only if it has a value.
            if (value is not null)
            {
                entry.Pending = _pending.Keep(value.Value);
            }

            return false;
        }
        else
        {
            other = entry.Pending == 0 ? null : _pending.Take(entry.Pending);
            entry.Pending = 0;
        }

        if (value is not { } mine || other is not { } theirs)
        {
            return false;
        }

        (privateValue, allValue) = isPrivate ? (mine, theirs) : (theirs, mine);
        return true;
    }

    /// <summary>
    /// Works out the province values (section 5.4) and checks the pair of indicators on them, wherever each value comes
    /// from: the total row, or the sum of the regions. A pair that the total row holds in full was checked row by row.
    /// </summary>
    public void CheckAcrossRows(IssueCollector issues)
    {
        ResolveTotals();
        if (_totalPrivate is not null && _totalInstitutions is not null)
        {
            return;
        }

        if (Totals.GetValueOrDefault(Private) is { } p && Totals.GetValueOrDefault(Institutions) is { } all && p > all)
        {
            issues.Add(new Issue(IssueType.RowConstraint, $"{Private} ({Text.Format(p)}, {Source(Private)}) is more than {Institutions} ({Text.Format(all)}, {Source(Institutions)}) for {Path.Reporter}: private institutions are a part of all institutions.")
            {
                MessageZh = $"{Path.Reporter} 的 {Private}（{Text.Format(p)}，{SourceZh(Private)}）大于 {Institutions}（{Text.Format(all)}，{SourceZh(Institutions)}）：民营机构是全部机构的一部分。",
            });
        }
    }

    /// <summary>
    /// The warnings about the whole file (section 9: only an accepted file gets them): totals that differ from their
    /// regions, expected indicators that are absent, and changes against the previous period.
    /// </summary>
    public void AddFileWarnings(IReadOnlyDictionary<string, decimal?>? previous, IssueCollector issues)
    {
        ResolveTotals();
        foreach (var indicator in _reported)
        {
            _totals[indicator.Index]!.CheckMismatch(indicator.Code, issues);
        }

        var national = Path.Reporter == ReporterRegistry.NationalCode;
        foreach (var indicator in _catalog.All.Where(i => i.IsNational == national && _totals[i.Index] is null))
        {
            issues.Add(new Issue(IssueType.MissingIndicator, $"{indicator.Code} ({indicator.NameZh}) is not in the return: {Path.Reporter} is expected to report it.") { MessageZh = $"报表中没有 {indicator.Code}（{indicator.NameZh}）：{Path.Reporter} 应报送该指标。" });
        }

        if (previous is null)
        {
            return;
        }

        foreach (var (code, value) in Totals)
        {
            var indicator = _catalog[code];
            if (indicator.IsSum && value is { } now && previous.GetValueOrDefault(code) is { } before && before != 0)
            {
                var change = (now / before) - 1;
                if (Math.Abs(change) > 0.5m)
                {
                    // In the unit a person reads (245.08 亿元 → 31.20 亿元), both in one unit; the receipt's totals keep the exact values.
                    var shownBefore = DisplayUnit.Describe(indicator.Kind, indicator.Unit, before, before, now);
                    var shownNow = DisplayUnit.Describe(indicator.Kind, indicator.Unit, now, before, now);
                    var percent = (change * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture);
                    issues.Add(new Issue(IssueType.YoyOutlier, $"{code} changed by {percent}% against {Path.Period.Previous} ({shownBefore} → {shownNow}): check the figure; if it is right, no action is needed.")
                    {
                        MessageZh = $"{code} 比 {Path.Period.Previous} 年变化了 {percent}%（{shownBefore} → {shownNow}）：请核实该数字；如无误，无需处理。",
                    });
                }
            }
        }
    }

    /// <summary>Fills <see cref="Totals"/>: one entry per indicator the file names, null when it gives no value for it.</summary>
    private void ResolveTotals()
    {
        if (Totals.Count == _reported.Count)
        {
            return;
        }

        foreach (var indicator in _reported)
        {
            Totals[indicator.Code] = _totals[indicator.Index]!.Resolve();
        }
    }

    private string Source(string code) => _totals[_catalog[code].Index]!.FromTotalRow ? "the total row" : "the sum of its regions";

    private string SourceZh(string code) => _totals[_catalog[code].Index]!.FromTotalRow ? "合计行" : "各地区之和";

    private static string Describe(ReadOnlySpan<char> region) => region.IsEmpty ? "the total" : $"the region {region}";

    private static string DescribeZh(ReadOnlySpan<char> region) => region.IsEmpty ? "合计" : $"地区 {region} ";

    /// <summary>
    /// One region of the return: a bit per catalog indicator already seen there, and where the value of the first of its
    /// private/all institutions pair waits for the second (0: none waits).
    /// </summary>
    private struct Region
    {
        public long Seen;
        public int Pending;
    }

    /// <summary>The values that wait for the other half of their pair, in slots that are reused once taken.</summary>
    private sealed class PendingValues
    {
        private readonly Stack<int> _free = new();
        private decimal[] _values = new decimal[16];
        private int _used;

        /// <summary>Keeps a value and gives its place (1-based).</summary>
        public int Keep(decimal value)
        {
            if (!_free.TryPop(out var slot))
            {
                if (_used == _values.Length)
                {
                    Array.Resize(ref _values, _used * 2);
                }

                slot = _used++;
            }

            _values[slot] = value;
            return slot + 1;
        }

        /// <summary>Gives back the value at a place and frees it.</summary>
        public decimal Take(int place)
        {
            _free.Push(place - 1);
            return _values[place - 1];
        }
    }

    /// <summary>The total row and the region rows of one indicator.</summary>
    private sealed class IndicatorTotal
    {
        private decimal? _totalRow;
        private int _totalRowNumber;
        private decimal _regionSum;
        private bool _hasRegionValue;

        /// <summary>Whether the province value is the total row's (else it is the sum of the regions).</summary>
        public bool FromTotalRow => _totalRow is not null;

        public void Add(bool isTotal, decimal? value, int row)
        {
            if (isTotal)
            {
                _totalRow = value;
                _totalRowNumber = row;
            }
            else if (value is { } v)
            {
                _regionSum += v;
                _hasRegionValue = true;
            }
        }

        /// <summary>The province value: the total row's, else (a total row without a value, or none) the sum of the regions.</summary>
        public decimal? Resolve() => _totalRow ?? (_hasRegionValue ? Text.Canonical(_regionSum) : null);

        public void CheckMismatch(string code, IssueCollector issues)
        {
            if (_totalRow is { } total && _hasRegionValue && Math.Abs(total - _regionSum) > Math.Max(0.5m, Math.Abs(total) * 0.001m))
            {
                issues.Add(new Issue(IssueType.TotalMismatch, $"The total of {code} ({Text.Format(total)}) differs from the sum of its regions ({Text.Format(_regionSum)}); the total row is used: check both.", _totalRowNumber)
                {
                    MessageZh = $"{code} 的合计（{Text.Format(total)}）与各地区之和（{Text.Format(_regionSum)}）不一致；采用合计行：请核对两者。",
                });
            }
        }
    }
}
