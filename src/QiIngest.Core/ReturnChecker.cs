using QiIngest.Core.Catalog;
using QiIngest.Core.Normalising;
using QiIngest.Core.Reading;
using QiIngest.Core.Validation;

namespace QiIngest.Core;

/// <summary>
/// Reads, normalises and validates one return (sections 5 to 8). The same code runs in the blob trigger, the local
/// host and <c>qi check</c>.
/// </summary>
public sealed class ReturnChecker(IndicatorCatalog catalog, ReporterRegistry reporters, IngestLimits limits)
{
    /// <summary>Region names that mean the reporter's own total (all two characters long).</summary>
    private static readonly string[] TotalWords = ["合计", "总计", "全省", "全市", "全区", "小计"];

    /// <summary>A checker with the embedded catalog, reporters and default limits.</summary>
    public static ReturnChecker Default { get; } = new(IndicatorCatalog.Default, ReporterRegistry.Default, IngestLimits.Default);

    /// <summary>The catalog this checker resolves indicators in.</summary>
    public IndicatorCatalog Catalog => catalog;

    /// <summary>The reporters this checker knows.</summary>
    public ReporterRegistry Reporters => reporters;

    /// <summary>The limits of section 7 this checker applies (and <see cref="ReturnFile"/> applies to the size).</summary>
    public IngestLimits Limits => limits;

    /// <summary>Checks a return at <paramref name="path"/>, streaming its observations into <paramref name="sink"/> when one is given.</summary>
    /// <param name="content">The file's bytes; seekable streams are read in more than one pass where that helps (encoding detection).</param>
    /// <param name="path">Where it was uploaded (the authority for reporter and period).</param>
    /// <param name="previousTotals">The reporter's accepted totals of the previous period, for <c>yoy-outlier</c>; null when unknown.</param>
    /// <param name="sink">Receives the observations; the caller commits them only when the result is accepted.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<CheckResult> CheckAsync(Stream content, UploadPath path, IReadOnlyDictionary<string, decimal?>? previousTotals = null, IObservationSink? sink = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(path);
        var issues = new IssueCollector();
        var state = new ReturnState(path, reporters, catalog);
        try
        {
            using var readable = OpenReadable(content, path.Format);
            foreach (var raw in Read(readable, path.Format, issues, state))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Normalise(raw, state, issues, build: sink is not null) is { } observation)
                {
                    await sink!.AddAsync(observation, cancellationToken);
                }
            }
        }
        catch (ReturnReadException e)
        {
            issues.Add(e.Issue);
        }

        if (!issues.HasErrors)
        {
            state.Finish(previousTotals, issues);
        }

        if (!issues.HasErrors && state.ObservationCount == 0)
        {
            issues.Add(new Issue(IssueType.FormatError, "The file has a header but no observations: fill in the figures below the header."));
        }

        if (sink is not null && !issues.HasErrors)
        {
            await sink.CompleteAsync(cancellationToken);
        }

        var outcome = issues.HasErrors ? Outcome.Rejected : issues.WarningCount > 0 ? Outcome.AcceptedWithWarnings : Outcome.Accepted;
        return new CheckResult
        {
            Reporter = path.Reporter,
            Period = path.Period.ToString(),
            File = path.FileName,
            Outcome = outcome,
            Totals = issues.HasErrors ? new Dictionary<string, decimal?>() : state.Totals,
            Errors = issues.Errors,
            Warnings = issues.Warnings,
            ErrorCount = issues.ErrorCount,
            WarningCount = issues.WarningCount,
            ObservationCount = state.ObservationCount,
        };
    }

    /// <summary>
    /// A seekable stream is checked against the size limit at once and read in place; anything else is read through a
    /// counting guard (and an XLSX, which needs seeking, is spooled to a temporary file first).
    /// </summary>
    private Stream OpenReadable(Stream content, ReturnFormat format)
    {
        if (content.CanSeek)
        {
            var size = content.Length - content.Position;
            return size > limits.MaxFileBytes
                ? throw ReturnReadException.Limit(ReturnFile.SizeLimitMessage(size, limits.MaxFileBytes))
                : new NonClosingStream(content);
        }

        var limited = new LimitedStream(content, limits.MaxFileBytes);
        if (format != ReturnFormat.Xlsx)
        {
            return limited;
        }

        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        limited.CopyTo(spool);
        spool.Position = 0;
        return spool;
    }

    private IEnumerable<RawObservation> Read(Stream content, ReturnFormat format, IssueCollector issues, ReturnState state) => format switch
    {
        ReturnFormat.Csv => GridLayoutReader.Read(CsvGridReader.Read(content), catalog, limits, issues),
        ReturnFormat.Xlsx => GridLayoutReader.Read(XlsxGridReader.Read(content, limits), catalog, limits, issues),
        _ => JsonReturnReader.Read(content, catalog, limits, issues, (role, text) => state.CheckDocumentField(role, text, issues)),
    };

    /// <summary>
    /// Normalises and validates one observation; when <paramref name="build"/> and the return has no errors so far, also
    /// makes the <see cref="Observation"/> a sink takes (a check without a sink makes no object per row).
    /// </summary>
    private static Observation? Normalise(RawObservation raw, ReturnState state, IssueCollector issues, bool build)
    {
        var indicator = raw.Indicator;
        state.CheckProvince(raw.Province, raw.Row, raw.ProvinceColumn, issues);
        state.CheckPeriod(raw.Period, raw.Row, raw.PeriodColumn, issues);
        var national = state.Path.Reporter == ReporterRegistry.NationalCode;
        if (indicator.IsNational != national)
        {
            issues.Add(new Issue(IssueType.WrongReporter, national
                ? $"{indicator.Code} is reported by the provinces, not by the national administration 100000: leave it out of the national return."
                : $"{indicator.Code} is a national-only indicator that only 100000 reports: leave it out of the provincial return.", raw.Row, raw.ValueColumn));
            return null;
        }

        if (!TryReadRegion(raw, state.Path.Reporter, issues, out var regionCode, out var regionName, out var nameIsKey))
        {
            return null;
        }

        if ((!regionCode.IsEmpty || !regionName.IsEmpty) && indicator.Kind == IndicatorKind.Rate)
        {
            issues.Add(new Issue(IssueType.ConstraintError, $"{indicator.Code} is a rate, which may not have region rows: give only the total.", raw.Row, raw.RegionColumn));
            return null;
        }

        var value = CellValueParser.Parse(raw.Value, indicator, raw.UnitColumn, raw.HeaderUnit, raw.TitleUnit);
        if (value.IsError)
        {
            issues.Add(new Issue(value.ErrorType!, value.ErrorMessage!, raw.Row, raw.ValueColumn));
            return null;
        }

        if (value.IsMissing)
        {
            issues.Add(new Issue(IssueType.MissingCell, $"The value of {indicator.Code} is missing; it is recorded as missing, not as zero.", raw.Row, raw.ValueColumn));
        }

        // A region is known by its code, else by its name's key; most names are their own key.
        nameIsKey &= regionCode.IsEmpty;
        var key = !regionCode.IsEmpty ? regionCode : nameIsKey ? regionName : Text.Key(regionName.ToString());
        if (!state.Add(indicator, key, regionCode.IsEmpty ? regionName : regionCode, value.Value, raw.Row, raw.ValueColumn, issues) || !build || issues.HasErrors)
        {
            return null;
        }

        // Strings for the sink only, and short-lived: the state keeps no string per region.
        var note = Text.Normalise(raw.Note);
        return new Observation(indicator.Code, regionCode.IsEmpty ? null : regionCode.ToString(), regionName.IsEmpty ? null : regionName.ToString(), value.Value, indicator.Unit, note.IsEmpty ? null : note.ToString(), raw.Row);
    }

    /// <summary>The row's region code and name (both empty for the total), and whether the name is its own key.</summary>
    private static bool TryReadRegion(RawObservation raw, string reporter, IssueCollector issues, out ReadOnlySpan<char> code, out ReadOnlySpan<char> name, out bool nameIsKey)
    {
        code = default;
        name = default;
        nameIsKey = true;
        foreach (var cell in raw.RegionCells)
        {
            var text = Text.Normalise(raw.Cells.Span(cell), out var isKey);
            if (text.IsEmpty)
            {
                continue;
            }

            if (code.IsEmpty && text.Length == 6 && !text.ContainsAnyExceptInRange('0', '9'))
            {
                code = text;
            }
            else if (name.IsEmpty)
            {
                name = text;
                nameIsKey = isKey;
            }
        }

        if (code.SequenceEqual(reporter) || (code.IsEmpty && (name.IsEmpty || IsTotalWord(name))))
        {
            code = default;
            name = default;
            return true;
        }

        if (!code.IsEmpty && reporter != ReporterRegistry.NationalCode && !code.StartsWith(reporter.AsSpan(0, 2), StringComparison.Ordinal))
        {
            issues.Add(new Issue(IssueType.ReporterMismatch, $"The region {code} is not in {reporter}: a region code starts with the province's first two digits ({reporter[..2]}).", raw.Row, raw.RegionColumn));
            return false;
        }

        return true;
    }

    private static bool IsTotalWord(ReadOnlySpan<char> name)
    {
        if (name.Length != 2)
        {
            return false;
        }

        foreach (var word in TotalWords)
        {
            if (name.SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }
}
