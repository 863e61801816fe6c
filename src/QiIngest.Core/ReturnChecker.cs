using QiIngest.Core.Catalog;
using QiIngest.Core.Normalising;
using QiIngest.Core.Reading;
using QiIngest.Core.Reading.Xlsx;
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

    /// <summary>
    /// False to read every CSV record field by field, every indicator name and region cell afresh: the slow paths that
    /// the fast ones must agree with exactly (tests compare the two). True everywhere else.
    /// </summary>
    internal bool FastPaths { get; init; } = true;

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
        var wasRead = false;
        var stopped = false;
        var lastRegion = FastPaths ? new RegionMemo() : null;
        try
        {
            using var readable = OpenReadable(content, path.Format);
            wasRead = true;
            foreach (var raw in Read(readable, path.Format, issues, state))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Normalise(raw, state, issues, lastRegion, build: sink is not null) is { } observation)
                {
                    await sink!.AddAsync(observation, cancellationToken);
                }
            }
        }
        catch (ReturnReadException e)
        {
            issues.Add(e.Issue);
            stopped = true;
        }

        // Section 9: a reading-stopping error ends the check; the checks across rows need the whole file.
        if (stopped)
        {
            issues.DiscardAcrossRows();
        }
        else
        {
            state.CheckAcrossRows(issues);
            if (!issues.HasErrors && state.ObservationCount == 0)
            {
                issues.Add(new Issue(IssueType.FormatError, "The file has a header but no observations: fill in the figures below the header.") { MessageZh = "文件有表头但没有数据：请在表头下方填写数据。" });
            }
            else if (!issues.HasErrors && state.ValueCount == 0)
            {
                issues.Add(new Issue(IssueType.FormatError, "No observation has a value (every value is empty or a missing marker): a blank template cannot replace a return; fill in the figures and upload again.") { MessageZh = "没有任何一项填有数值（数值均为空或缺失标记）：空白模板不能替代报表，请填写数据后重新上传。" });
            }
        }

        if (!issues.HasErrors)
        {
            state.AddFileWarnings(previousTotals, issues);
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
            FileWasRead = wasRead,
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
                ? throw new ReturnReadException(ReturnFile.SizeLimitIssue(size, limits.MaxFileBytes))
                : new NonClosingStream(content);
        }

        var limited = new ByteBudgetStream(content, ByteBudget.FileSize(limits.MaxFileBytes));
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
        ReturnFormat.Csv => GridLayoutReader.Read(CsvGridReader.Read(content, FastPaths), catalog, limits, issues, cacheNames: FastPaths),
        ReturnFormat.Xlsx => GridLayoutReader.Read(XlsxGridReader.Read(content, limits), catalog, limits, issues, worksheet: true, cacheNames: FastPaths),
        _ => JsonReturnReader.Read(content, catalog, limits, issues, (role, text) => state.CheckDocumentField(role, text, issues), fastPath: FastPaths),
    };

    /// <summary>
    /// Normalises and validates one observation; when <paramref name="build"/> and the return has no errors so far, also
    /// makes the <see cref="Observation"/> a sink takes (a check without a sink makes no object per row).
    /// </summary>
    private static Observation? Normalise(RawObservation raw, ReturnState state, IssueCollector issues, RegionMemo? lastRegion, bool build)
    {
        var indicator = raw.Indicator;
        var national = state.Path.Reporter == ReporterRegistry.NationalCode;
        if (indicator.IsNational != national)
        {
            // Section 9: the cells of an indicator the reporter may not report are not checked further.
            issues.Add(new Issue(IssueType.WrongReporter, national
                ? $"{indicator.Code} is reported by the provinces, not by the national administration 100000: leave it out of the national return."
                : $"{indicator.Code} is a national-only indicator that only 100000 reports: leave it out of the provincial return.", raw.Row, raw.ValueColumn)
            {
                MessageZh = national
                    ? $"{indicator.Code} 由各省报送，不由国家局 100000 报送：请从全国报表中删除。"
                    : $"{indicator.Code} 是仅由国家局 100000 报送的全国指标：请从省级报表中删除。",
            });
            return null;
        }

        state.CheckProvince(raw.Province, raw.Row, raw.ProvinceColumn, issues);
        state.CheckPeriod(raw.Period, raw.Row, raw.PeriodColumn, issues);
        ReadOnlySpan<char> regionCode, regionName;
        bool nameIsKey;
        if (raw.RegionCells is [var regionCell] && lastRegion is not null && lastRegion.TryRecall(raw.Cells.Span(regionCell), out regionCode, out regionName, out nameIsKey))
        {
            // Rows of one region usually follow each other: the same cell text reads as the same region again.
        }
        else if (!TryReadRegion(raw, state.Path.Reporter, state.Reporters, issues, out regionCode, out regionName, out nameIsKey))
        {
            return null;
        }
        else if (raw.RegionCells is [var cell])
        {
            lastRegion?.Remember(raw.Cells.Span(cell), regionCode, regionName, nameIsKey);
        }

        if ((!regionCode.IsEmpty || !regionName.IsEmpty) && indicator.Kind == IndicatorKind.Rate)
        {
            issues.Add(new Issue(IssueType.ConstraintError, $"{indicator.Code} is a rate, which may not have region rows: give only the total.", raw.Row, raw.RegionColumn) { MessageZh = $"{indicator.Code} 是比率，不能分地区填报：只填全省合计。" });
            return null;
        }

        if (raw.Cells.IsDateFormatted(raw.ValueCell))
        {
            issues.Add(new Issue(IssueType.TypeError, CellValues.DateFormattedMessage(raw.Value), raw.Row, raw.ValueColumn) { MessageZh = CellValues.DateFormattedMessageZh(raw.Value) });
            return null;
        }

        var value = CellValueParser.Parse(raw.Value, indicator, raw.UnitColumn, raw.HeaderUnit, raw.TitleUnit);
        if (value.IsError)
        {
            issues.Add(new Issue(value.ErrorType!, value.ErrorMessage!, raw.Row, raw.ValueColumn) { MessageZh = value.ErrorMessageZh });
            return null;
        }

        if (value.IsMissing)
        {
            issues.Add(new Issue(IssueType.MissingCell, $"The value of {indicator.Code} is missing; it is recorded as missing, not as zero.", raw.Row, raw.ValueColumn) { MessageZh = $"{indicator.Code} 的数值缺失；按缺失记录，不按 0 记录。" });
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

    /// <summary>
    /// The row's region code and name (both empty for the total), and whether the name is its own key. A name of a
    /// province (section 5.4) is the total when it is the reporter's own, else a <c>reporter-mismatch</c>.
    /// </summary>
    private static bool TryReadRegion(RawObservation raw, string reporter, ReporterRegistry reporters, IssueCollector issues, out ReadOnlySpan<char> code, out ReadOnlySpan<char> name, out bool nameIsKey)
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

        var national = reporter == ReporterRegistry.NationalCode;
        string? named = null;
        if (!name.IsEmpty && !national && !reporters.TryFindProvinceByKey(nameIsKey ? name : Text.Key(name.ToString()), out named))
        {
            named = null;
        }

        if (named is not null && named != reporter)
        {
            issues.Add(new Issue(IssueType.ReporterMismatch, $"The region '{name}' names the province {named}, not {reporter}: a return gives the regions of its own province; upload the figures of {named} into its own folder.", raw.Row, raw.RegionColumn) { MessageZh = $"地区“{name}”是省份 {named}，不是 {reporter}：报表只填本省的地区；{named} 的数据请上传到它自己的文件夹。" });
            return false;
        }

        if (code.SequenceEqual(reporter) || (code.IsEmpty && (name.IsEmpty || named is not null || IsTotalWord(name))))
        {
            code = default;
            name = default;
            return true;
        }

        if (!code.IsEmpty && !national && !code.StartsWith(reporter.AsSpan(0, 2), StringComparison.Ordinal))
        {
            issues.Add(new Issue(IssueType.ReporterMismatch, $"The region {code} is not in {reporter}: a region code starts with the province's first two digits ({reporter[..2]}).", raw.Row, raw.RegionColumn) { MessageZh = $"地区 {code} 不属于 {reporter}：本省地区代码以省代码前两位（{reporter[..2]}）开头。" });
            return false;
        }

        return true;
    }

    /// <summary>
    /// The last region cell that <see cref="TryReadRegion"/> accepted (a return with one region column), and where its
    /// code and name lie in its text: a cell with the same text gives the same region, so its reading is not repeated.
    /// </summary>
    private sealed class RegionMemo
    {
        private char[] _text = new char[32];
        private int _length = -1;
        private (int Start, int Length) _code;
        private (int Start, int Length) _name;
        private bool _nameIsKey;

        public bool TryRecall(ReadOnlySpan<char> cell, out ReadOnlySpan<char> code, out ReadOnlySpan<char> name, out bool nameIsKey)
        {
            if (cell.Length != _length || !cell.SequenceEqual(_text.AsSpan(0, _length)))
            {
                code = default;
                name = default;
                nameIsKey = true;
                return false;
            }

            code = _code.Length == 0 ? default : cell.Slice(_code.Start, _code.Length);
            name = _name.Length == 0 ? default : cell.Slice(_name.Start, _name.Length);
            nameIsKey = _nameIsKey;
            return true;
        }

        /// <summary>Remembers a reading whose code and name are slices of the cell (not so after NFKC changed the text).</summary>
        public void Remember(ReadOnlySpan<char> cell, ReadOnlySpan<char> code, ReadOnlySpan<char> name, bool nameIsKey)
        {
            _length = -1;
            if (!TryPlace(cell, code, out _code) || !TryPlace(cell, name, out _name))
            {
                return;
            }

            if (cell.Length > _text.Length)
            {
                _text = new char[cell.Length];
            }

            cell.CopyTo(_text);
            _length = cell.Length;
            _nameIsKey = nameIsKey;
        }

        private static bool TryPlace(ReadOnlySpan<char> cell, ReadOnlySpan<char> part, out (int Start, int Length) place)
        {
            place = default;
            if (part.IsEmpty)
            {
                return true;
            }

            if (!cell.Overlaps(part, out var start) || start < 0 || start + part.Length > cell.Length)
            {
                return false;
            }

            place = (start, part.Length);
            return true;
        }
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
