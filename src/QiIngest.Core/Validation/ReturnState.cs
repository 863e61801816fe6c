using QiIngest.Core.Catalog;
using QiIngest.Core.Reading;

namespace QiIngest.Core.Validation;

/// <summary>
/// What validating one return must remember across rows: the path checks, duplicates, the private/total pairs and the
/// totals of section 5.4. Its memory grows with the number of distinct (indicator, region) pairs, not with the file.
/// </summary>
internal sealed class ReturnState(UploadPath path, ReporterRegistry reporters, IndicatorCatalog catalog)
{
    private const string Private = "IT_INSTITUTIONS_PRIVATE";
    private const string Institutions = "IT_INSTITUTIONS";

    // Region key → a bit per catalog indicator already seen there: one entry per region rather than one per row.
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndicatorTotal> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (decimal? Institutions, decimal? Private, int Row)> _pairs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _badProvinces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _badPeriods = new(StringComparer.Ordinal);

    public UploadPath Path => path;

    public int ObservationCount { get; private set; }

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

    public void CheckProvince(string? text, int? row, string? column, IssueCollector issues)
    {
        if (string.IsNullOrWhiteSpace(text) || (reporters.TryResolve(text, out var code) && code == path.Reporter) || !_badProvinces.Add(text))
        {
            return;
        }

        issues.Add(new Issue(IssueType.ReporterMismatch, $"The file names the reporter '{text}' but was uploaded for {path.Reporter}: upload it into the folder of the reporter it belongs to, or correct the {column ?? "province"} column.", row, column));
    }

    public void CheckPeriod(string? text, int? row, string? column, IssueCollector issues)
    {
        if (string.IsNullOrWhiteSpace(text) || (Period.TryParseLenient(text, out var period) && period == path.Period) || !_badPeriods.Add(text))
        {
            return;
        }

        issues.Add(new Issue(IssueType.PeriodMismatch, $"The file gives the period '{text}' but was uploaded for {path.Period}: upload it into the folder of its year, or correct the {column ?? "period"} column.", row, column));
    }

    /// <summary>Records an observation; false (with an error) when it repeats an indicator and region.</summary>
    public bool Add(Observation observation, string column, IssueCollector issues)
    {
        ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, observation.RegionKey, out _);
        var bit = 1L << catalog.IndexOf(observation.Indicator);
        var repeated = (seen & bit) != 0;
        seen |= bit;
        if (repeated)
        {
            var where = observation.IsTotal ? "the total" : $"the region {observation.RegionCode ?? observation.RegionName}";
            issues.Add(new Issue(IssueType.DuplicateRow, $"{observation.Indicator} for {where} appears more than once: keep one row per indicator and region.", observation.Row, column));
            return false;
        }

        ObservationCount++;
        if (!_totals.TryGetValue(observation.Indicator, out var total))
        {
            total = new IndicatorTotal();
            _totals[observation.Indicator] = total;
        }

        total.Add(observation);
        if (observation.Indicator is Private or Institutions)
        {
            var pair = _pairs.GetValueOrDefault(observation.RegionKey);
            pair = observation.Indicator == Private ? pair with { Private = observation.Value } : pair with { Institutions = observation.Value };
            _pairs[observation.RegionKey] = pair with { Row = Math.Max(pair.Row, observation.Row) };
            if (pair is { Private: { } p, Institutions: { } all } && p > all)
            {
                var where = observation.IsTotal ? path.Reporter : $"the region {observation.RegionCode ?? observation.RegionName}";
                issues.Add(new Issue(IssueType.RowConstraint, $"{Private} ({Text.Format(p)}) is more than {Institutions} ({Text.Format(all)}) for {where}: private institutions are a part of all institutions.", observation.Row, column));
            }
        }

        return true;
    }

    /// <summary>Works out the totals (section 5.4) and the checks that need the whole return.</summary>
    public void Finish(IndicatorCatalog catalog, IReadOnlyDictionary<string, decimal?>? previous, IssueCollector issues)
    {
        foreach (var (code, total) in _totals)
        {
            Totals[code] = total.Resolve(code, issues);
        }

        if (!_pairs.ContainsKey(string.Empty)
            && Totals.GetValueOrDefault(Private) is { } p && Totals.GetValueOrDefault(Institutions) is { } all && p > all)
        {
            issues.Add(new Issue(IssueType.RowConstraint, $"{Private} ({Text.Format(p)}) is more than {Institutions} ({Text.Format(all)}) for {path.Reporter} (sums of the regions): private institutions are a part of all institutions."));
        }

        var national = path.Reporter == ReporterRegistry.NationalCode;
        foreach (var indicator in catalog.All.Where(i => i.IsNational == national && !_totals.ContainsKey(i.Code)))
        {
            issues.Add(new Issue(IssueType.MissingIndicator, $"{indicator.Code} ({indicator.NameZh}) is not in the return: {path.Reporter} is expected to report it."));
        }

        if (previous is null)
        {
            return;
        }

        foreach (var (code, value) in Totals)
        {
            if (catalog[code].IsSum && value is { } now && previous.GetValueOrDefault(code) is { } before && before != 0)
            {
                var change = (now / before) - 1;
                if (Math.Abs(change) > 0.5m)
                {
                    issues.Add(new Issue(IssueType.YoyOutlier, $"{code} changed by {change * 100:+0.0;-0.0}% against {path.Period.Previous} ({Text.Format(before)} → {Text.Format(now)}): check the figure; if it is right, no action is needed."));
                }
            }
        }
    }

    /// <summary>The total row and the region rows of one indicator.</summary>
    private sealed class IndicatorTotal
    {
        private decimal? _totalRow;
        private int _totalRowNumber;
        private decimal _regionSum;
        private bool _hasRegionValue;

        public void Add(Observation observation)
        {
            if (observation.IsTotal)
            {
                _totalRow = observation.Value;
                _totalRowNumber = observation.Row;
            }
            else if (observation.Value is { } value)
            {
                _regionSum += value;
                _hasRegionValue = true;
            }
        }

        public decimal? Resolve(string code, IssueCollector issues)
        {
            if (_totalRow is { } total)
            {
                if (_hasRegionValue && Math.Abs(total - _regionSum) > Math.Max(0.5m, Math.Abs(total) * 0.001m))
                {
                    issues.Add(new Issue(IssueType.TotalMismatch, $"The total of {code} ({Text.Format(total)}) differs from the sum of its regions ({Text.Format(_regionSum)}); the total row is used: check both.", _totalRowNumber));
                }

                return total;
            }

            // A total row without a value falls back to the regions, as does a file without a total row.
            return _hasRegionValue ? Text.Canonical(_regionSum) : null;
        }
    }
}
