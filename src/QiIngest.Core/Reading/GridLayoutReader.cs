using System.Text.RegularExpressions;
using QiIngest.Core.Catalog;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Reading;

/// <summary>
/// Interprets the rows of a CSV or worksheet (sections 5.1, 5.2, 5.5): title rows and their <c>单位：</c> default,
/// the header row, long or wide layout, footnotes, and the data rows as raw observations.
/// </summary>
internal static partial class GridLayoutReader
{
    private static readonly string[] FootnotePrefixes = ["注", "说明", "资料来源", "填表说明", "note", "source"];
    private static readonly System.Buffers.SearchValues<char> FootnoteInitials = System.Buffers.SearchValues.Create("注说资填nNsS");

    /// <summary>The observations of the rows.</summary>
    /// <param name="rows">The rows of the CSV or worksheet.</param>
    /// <param name="catalog">Resolves indicators.</param>
    /// <param name="limits">The data row limit.</param>
    /// <param name="issues">Receives the issues.</param>
    /// <param name="worksheet">Whether the rows are a worksheet's: then an issue at a cell of the current row names its address (D6).</param>
    /// <param name="cacheNames">False resolves every indicator name in the catalog afresh (the slow path the fast one is tested against).</param>
    public static IEnumerable<RawObservation> Read(IEnumerable<GridRow> rows, IndicatorCatalog catalog, IngestLimits limits, IssueCollector issues, bool worksheet = false, bool cacheNames = true)
    {
        string? titleUnit = null;
        Header? header = null;
        GridRow? current = null;
        var dataRows = 0;
        var sawRow = false;
        if (worksheet)
        {
            // Every issue of a row is found while it is the current row: the checker is done with it before the next.
            issues.CellAddress = (number, column) => current is not null && current.Number == number && header?.IndexOf(current, column) is int index
                ? CellLocation.Address(number, index)
                : null;
        }

        foreach (var row in rows)
        {
            current = row;
            var first = FirstFilled(row);
            if (first < 0)
            {
                continue;
            }

            sawRow = true;
            if (header is null)
            {
                header = Header.TryRead(row, catalog, cacheNames);
                if (header is null)
                {
                    titleUnit = ReadTitleUnit(row) ?? titleUnit;
                    continue;
                }

                foreach (var extra in header.Extras)
                {
                    var nearest = issues.ListsNextWarning ? ColumnRoles.Nearest(catalog) : null;
                    var hint = nearest?.DidYouMean(extra.Text);
                    issues.Add(new Issue(IssueType.ExtraLabel, $"The column '{extra.Text}' is not a column of the form or an indicator of the catalog; it was ignored{(hint is null ? "." : $": {hint}")}", row.Number, extra.Text)
                    {
                        MessageZh = $"列“{extra.Text}”既不是报表的列，也不是指标目录中的指标，已忽略{(hint is null ? "。" : $"：{nearest!.DidYouMeanZh(extra.Text)}")}",
                    });
                }

                if (header.IsWide && !header.Columns.Any(c => c.Role == ColumnRole.None && c.Indicator is not null))
                {
                    throw ReturnReadException.Format("The header names neither an indicator and a value column (long layout) nor indicator columns (wide layout).", row.Number, zh: "表头既没有指标列和数值列（长表），也没有指标列（宽表）。");
                }

                continue;
            }

            if (IsFootnote(row.Span(first)))
            {
                yield break;
            }

            if (++dataRows > limits.MaxDataRows)
            {
                throw ReturnReadException.Limit($"The file has more than {limits.MaxDataRows:N0} data rows, the limit of the form: split it into several returns or ask the national team to raise the limit.", row.Number, $"文件的数据行超过报表上限 {limits.MaxDataRows:N0} 行：请拆分为多份报表，或请国家局提高上限。");
            }

            if (!header.IsWide)
            {
                if (header.ReadLong(row, titleUnit, catalog, issues) is { } observation)
                {
                    yield return observation;
                }

                continue;
            }

            if (header.IsBlankWide(row))
            {
                issues.Add(SkippedRow(row.Number));
                continue;
            }

            foreach (var observation in header.ReadWide(row, titleUnit))
            {
                yield return observation;
            }
        }

        if (header is null)
        {
            throw sawRow
                ? ReturnReadException.Format("No header row was found: the header must name at least two columns of the form (indicator, value, unit …) or indicators of the catalog.", zh: "未找到表头行：表头至少要有两个报表列名（指标、数值、单位……）或指标目录中的指标。")
                : ReturnReadException.Format("The file is empty: upload the return with a header row and its data.", zh: "文件为空：请上传带表头行和数据的报表。");
        }
    }

    /// <summary>Section 5.1: a row with cells filled but neither indicator nor value (a region alone, a note, 其中：).</summary>
    private static Issue SkippedRow(int row) =>
        new(IssueType.SkippedRow, $"Row {row} has neither an indicator nor a value; it was skipped and its other cells were not read. If it should hold a figure, fill in both.", row)
        {
            MessageZh = $"第 {row} 行既没有指标也没有数值，已跳过，其他单元格未读取。如果该行应有数据，请把指标和数值都填上。",
        };

    /// <summary>The first cell that is not blank, or -1 for an empty row.</summary>
    private static int FirstFilled(GridRow row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            if (!Text.IsBlank(row.Span(i)))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsFootnote(ReadOnlySpan<char> first)
    {
        // Most rows start with a character that NFKC keeps and no footnote starts with.
        var start = Text.Trim(first)[0];
        if (start is (>= ' ' and <= '~') or (>= '\u4E00' and <= '\u9FFF') && !FootnoteInitials.Contains(start))
        {
            return false;
        }

        return StartsWithFootnotePrefix(Text.Normalise(first.ToString())!);
    }

    // Kept out of IsFootnote: a lambda that captures a local allocates its closure on every call of the method that
    // declares the local, including the calls that return early.
    private static bool StartsWithFootnotePrefix(string text) => FootnotePrefixes.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static string? ReadTitleUnit(GridRow row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            var text = Text.Normalise(row.Span(i).ToString());
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (text.StartsWith('(') && text.EndsWith(')'))
            {
                text = text[1..^1].Trim();
            }

            var match = TitleUnitPattern().Match(text);
            if (match.Success)
            {
                return match.Groups["unit"].Value.Trim();
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:金额)?单位\s*:\s*(?<unit>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleUnitPattern();

    [GeneratedRegex(@"^(?<name>.+?)\s*\((?<unit>[^()]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderUnitPattern();

    private sealed record Column(int Index, string Text, ColumnRole Role, Indicator? Indicator, string? Unit);

    private sealed class Header
    {
        private readonly RawObservation _observation;
        private readonly (string Text, Indicator Indicator)?[]? _resolved;

        private Header(List<Column> columns, List<Column> extras, bool isWide, bool cacheNames)
        {
            _resolved = cacheNames ? new (string, Indicator)?[64] : null;
            Columns = columns;
            Extras = extras;
            IsWide = isWide;
            Indicators = [.. columns.Where(c => c.Role == ColumnRole.Indicator)];
            Values = [.. columns.Where(c => c.Role == ColumnRole.Value)];
            Units = [.. columns.Where(c => c.Role == ColumnRole.Unit)];
            Provinces = [.. columns.Where(c => c.Role == ColumnRole.Province)];
            Periods = [.. columns.Where(c => c.Role == ColumnRole.Period)];
            Regions = [.. columns.Where(c => c.Role == ColumnRole.Region)];
            Notes = [.. columns.Where(c => c.Role == ColumnRole.Note)];
            WideColumns = [.. columns.Where(c => c.Role == ColumnRole.None && c.Indicator is not null)];
            _observation = new RawObservation
            {
                RegionCells = [.. Regions.Select(c => c.Index)],
                RegionColumn = Regions.FirstOrDefault()?.Text,
            };
        }

        public List<Column> Columns { get; }

        public List<Column> Extras { get; }

        public bool IsWide { get; }

        private Column[] Indicators { get; }

        private Column[] Values { get; }

        private Column[] Units { get; }

        private Column[] Provinces { get; }

        private Column[] Periods { get; }

        private Column[] Regions { get; }

        private Column[] Notes { get; }

        private Column[] WideColumns { get; }

        public static Header? TryRead(GridRow row, IndicatorCatalog catalog, bool cacheNames)
        {
            var columns = new List<Column>();
            var known = 0;
            for (var i = 0; i < row.Count; i++)
            {
                var text = Text.Normalise(row.Span(i).ToString());
                if (string.IsNullOrEmpty(text) || row.IsContinuation(i))
                {
                    continue;
                }

                var column = Classify(i, text, catalog);
                columns.Add(column);
                if (column.Role != ColumnRole.None || column.Indicator is not null)
                {
                    known++;
                }
            }

            if (known < 2)
            {
                return null;
            }

            var isLong = columns.Any(c => c.Role == ColumnRole.Indicator) && columns.Any(c => c.Role == ColumnRole.Value);

            // In the long layout an indicator name in the header is not a column of the form.
            var extras = columns.Where(c => c.Role == ColumnRole.None && (isLong || c.Indicator is null)).ToList();
            return new Header(columns, extras, !isLong, cacheNames);
        }

        private static Column Classify(int index, string text, IndicatorCatalog catalog)
        {
            var role = ColumnRoles.Resolve(text);
            if (role != ColumnRole.None)
            {
                return new Column(index, text, role, null, null);
            }

            if (catalog.TryResolve(text, out var indicator))
            {
                return new Column(index, text, ColumnRole.None, indicator, null);
            }

            var match = HeaderUnitPattern().Match(text);
            if (match.Success)
            {
                var name = match.Groups["name"].Value;

                // Section 5.2: the parentheses may say 单位:万元 as well as 万元.
                var unit = match.Groups["unit"].Value.Trim();
                var word = TitleUnitPattern().Match(unit);
                unit = word.Success ? word.Groups["unit"].Value.Trim() : unit;
                role = ColumnRoles.Resolve(name);
                if (role != ColumnRole.None)
                {
                    return new Column(index, text, role, null, unit);
                }

                if (catalog.TryResolve(name, out indicator))
                {
                    return new Column(index, text, ColumnRole.None, indicator, unit);
                }
            }

            return new Column(index, text, ColumnRole.None, null, null);
        }

        /// <summary>The index of the column with this header text (the first filled one in <paramref name="row"/> when several have it), or null.</summary>
        public int? IndexOf(GridRow row, string text)
        {
            int? first = null;
            foreach (var column in Columns)
            {
                if (column.Text == text)
                {
                    if (!Text.IsBlank(row.Span(column.Index)))
                    {
                        return column.Index;
                    }

                    first ??= column.Index;
                }
            }

            return first;
        }

        /// <summary>Whether every indicator cell of a wide row is empty (its other cells are filled: it is skipped).</summary>
        public bool IsBlankWide(GridRow row) => FirstNonEmpty(row, WideColumns) is null;

        public IEnumerable<RawObservation> ReadWide(GridRow row, string? titleUnit)
        {
            foreach (var column in WideColumns)
            {
                yield return Create(row, titleUnit, column.Indicator!, column);
            }
        }

        public RawObservation? ReadLong(GridRow row, string? titleUnit, IndicatorCatalog catalog, IssueCollector issues)
        {
            Indicator? indicator = null;
            foreach (var column in Indicators)
            {
                var text = row.Span(column.Index);
                if (Text.IsBlank(text))
                {
                    continue;
                }

                if (!TryResolve(text, catalog, out var resolved))
                {
                    issues.Add(catalog.UnknownIndicator(text.ToString(), issues.ListsNextError, row.Number, column.Text));
                    return null;
                }

                if (indicator is not null && indicator.Code != resolved.Code)
                {
                    issues.Add(new Issue(IssueType.UnknownIndicator, $"'{text}' names {resolved.Code} but the same row also names {indicator.Code}: give one indicator per row.", row.Number, column.Text) { MessageZh = $"“{text}”是 {resolved.Code}，但同一行还写了 {indicator.Code}：每行只填一个指标。" });
                    return null;
                }

                indicator = resolved;
            }

            var value = Values.Length == 1 ? Values[0] : FirstNonEmpty(row, Values) ?? Values[0];
            if (indicator is null)
            {
                // The row is not empty (empty rows never get here): without a value it is a sub-heading or a note.
                issues.Add(Text.IsBlank(row.Span(value.Index))
                    ? SkippedRow(row.Number)
                    : new Issue(IssueType.UnknownIndicator, "The row has a value but no indicator: fill in the indicator column.", row.Number, Indicators[0].Text) { MessageZh = "该行有数值但没有指标：请填写指标列。" });
                return null;
            }

            return Create(row, titleUnit, indicator, value);
        }

        /// <summary>
        /// <see cref="IndicatorCatalog.TryResolve(ReadOnlySpan{char}, out Indicator?)"/> through a small cache of the
        /// texts resolved so far (a return names a few indicators over and over): a hit costs one comparison of the text
        /// instead of hashing it. A slot is picked by the text's length and its first and last characters.
        /// </summary>
        private bool TryResolve(ReadOnlySpan<char> text, IndicatorCatalog catalog, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Indicator? indicator)
        {
            if (_resolved is null)
            {
                return catalog.TryResolve(text, out indicator);
            }

            var slot = (text.Length ^ (text[0] * 7) ^ (text[^1] * 13)) & (_resolved.Length - 1);
            if (_resolved[slot] is { } hit && text.SequenceEqual(hit.Text))
            {
                indicator = hit.Indicator;
                return true;
            }

            if (!catalog.TryResolve(text, out indicator))
            {
                return false;
            }

            _resolved[slot] = (text.ToString(), indicator);
            return true;
        }

        /// <summary>One observation of the row: the indicator, the value in <paramref name="valueColumn"/>, and the row's other columns.</summary>
        private RawObservation Create(GridRow row, string? titleUnit, Indicator indicator, Column valueColumn)
        {
            // One instance per header, refilled for every observation: the checker is done with it before the next.
            var observation = _observation;
            observation.Row = row.Number;
            observation.Cells = row;
            observation.Indicator = indicator;
            observation.ValueCell = valueColumn.Index;
            observation.ValueColumn = valueColumn.Text;
            observation.HeaderUnit = valueColumn.Unit;
            observation.TitleUnit = titleUnit;
            observation.UnitCell = First(row, Units).Index;
            (observation.ProvinceCell, observation.ProvinceColumn) = First(row, Provinces);
            (observation.PeriodCell, observation.PeriodColumn) = First(row, Periods);
            observation.NoteCell = First(row, Notes).Index;
            return observation;
        }

        /// <summary>
        /// The first of <paramref name="columns"/> that is filled in this row, else -1 and the first column's name. A
        /// role with one column (the usual case) is that column, filled or blank: every reader of a cell treats blank
        /// as absent.
        /// </summary>
        private static (int Index, string? Column) First(GridRow row, Column[] columns) => columns.Length switch
        {
            0 => (-1, null),
            1 => (columns[0].Index, columns[0].Text),
            _ => FirstNonEmpty(row, columns) is { } column ? (column.Index, column.Text) : (-1, columns[0].Text),
        };

        private static Column? FirstNonEmpty(GridRow row, Column[] columns)
        {
            foreach (var column in columns)
            {
                if (!Text.IsBlank(row.Span(column.Index)))
                {
                    return column;
                }
            }

            return null;
        }
    }
}
