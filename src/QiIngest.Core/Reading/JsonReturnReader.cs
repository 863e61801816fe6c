using System.Text;
using System.Text.Json;
using QiIngest.Core.Catalog;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Reading;

/// <summary>
/// Streams the observations of a JSON return (section 5.3) without loading the document, enforcing the depth limit.
/// </summary>
internal static partial class JsonReturnReader
{
    /// <summary>
    /// Reads the observations; <paramref name="documentField"/> receives the top-level reporter and period.
    /// <paramref name="fastPath"/> false reads every observation token by token: the slow path that the fast one (a flat
    /// observation read whole, <see cref="JsonTokens.TryReadFlat"/>) must agree with exactly (tests compare the two).
    /// </summary>
    public static IEnumerable<RawObservation> Read(Stream content, IndicatorCatalog catalog, IngestLimits limits, IssueCollector issues, Action<ColumnRole, string?> documentField, bool fastPath = true)
    {
        var tokens = new JsonTokens(Open(content), catalog, limits, fastPath);
        if (!tokens.Next())
        {
            throw Empty();
        }

        if (tokens.Type != JsonTokenType.StartObject)
        {
            // Read it to the end first, so that a hostile nesting is reported as the limit it breaks.
            tokens.Skip();
            throw ReturnReadException.Format("The JSON is not an object: a return is {\"reporter\": …, \"period\": …, \"observations\": [ … ]}.", zh: "JSON 不是对象：报表格式为 {\"reporter\": …, \"period\": …, \"observations\": [ … ]}。");
        }

        var sawObservations = false;
        var raw = new RawObservation { Cells = new GridRow(), ProvinceColumn = "province", PeriodColumn = "period", RegionColumn = "region" };
        var extras = new HashSet<string>(StringComparer.Ordinal);
        while (tokens.Next() && tokens.Type == JsonTokenType.PropertyName)
        {
            var name = tokens.Text!;
            tokens.Expect();
            switch (name)
            {
                case "reporter" or "province" or "period":
                    if (Scalar(tokens, name, null, issues, out var text))
                    {
                        documentField(name == "period" ? ColumnRole.Period : ColumnRole.Province, text);
                    }

                    break;
                case "observations":
                    sawObservations = true;
                    if (tokens.Type != JsonTokenType.StartArray)
                    {
                        throw ReturnReadException.Format("\"observations\" is not an array: give a list of {\"indicator\": …, \"value\": …} objects.", column: "observations", zh: "\"observations\" 不是数组：请给出 {\"indicator\": …, \"value\": …} 对象的列表。");
                    }

                    var index = 0;
                    var cells = new int[8];
                    tokens.InObservations = true;
                    while (true)
                    {
                        RawObservation? observation;
                        if (tokens.TryReadFlat(index + 1, raw.Cells, cells, out var valueKey, out var indicator))
                        {
                            CheckRowLimit(++index, limits);
                            observation = Complete(raw, cells, valueKey, indicator, index, catalog, issues);
                        }
                        else if (tokens.Next() && tokens.Type != JsonTokenType.EndArray)
                        {
                            CheckRowLimit(++index, limits);
                            tokens.Row = index;
                            observation = ReadObservation(tokens, index, catalog, issues, extras, raw, cells);
                            tokens.Row = null;
                        }
                        else
                        {
                            break;
                        }

                        if (observation is not null)
                        {
                            yield return observation;
                        }
                    }

                    tokens.InObservations = false;
                    break;
                default:
                    if (extras.Add(name))
                    {
                        issues.Add(ExtraProperty(name, null));
                        if (ColumnRoles.Resolve(name) == ColumnRole.None)
                        {
                            tokens.Reported(name);
                        }
                    }

                    tokens.Skip();
                    break;
            }
        }

        if (!sawObservations)
        {
            throw ReturnReadException.Format("The JSON has no \"observations\" array: give the figures as {\"observations\": [{\"indicator\": …, \"value\": …}]}.", zh: "JSON 中没有 \"observations\" 数组：请按 {\"observations\": [{\"indicator\": …, \"value\": …}]} 填写数据。");
        }
    }

    /// <summary>
    /// Reads one observation into <paramref name="raw"/> and its row (refilled for each observation: the pipeline uses
    /// it before the next is read); null when it is not one. The cells are the members' values in document order, and
    /// the raw observation names the cell of each role: the first non-blank of the members that resolve to it.
    /// </summary>
    private static RawObservation? ReadObservation(JsonTokens tokens, int index, IndicatorCatalog catalog, IssueCollector issues, HashSet<string> extras, RawObservation raw, int[] cells)
    {
        if (tokens.Type != JsonTokenType.StartObject)
        {
            issues.Add(new Issue(IssueType.FormatError, $"Observation {index} is not an object: give {{\"indicator\": …, \"value\": …}}.", index) { MessageZh = $"第 {index} 条观测值不是对象：请写成 {{\"indicator\": …, \"value\": …}}。" });
            tokens.Skip();
            return null;
        }

        var row = raw.Cells;
        row.Start(index);
        // The cell of each role, by ColumnRole; -1: none.
        cells.AsSpan().Fill(-1);
        string? valueKey = null;
        var unreadable = false;
        while (tokens.Next() && tokens.Type == JsonTokenType.PropertyName)
        {
            var role = tokens.NameRole;
            var name = tokens.Text!;
            tokens.Expect();
            if (role == ColumnRole.None)
            {
                if (extras.Add(name))
                {
                    issues.Add(ExtraProperty(name, index));
                    tokens.Reported(name);
                }

                tokens.Skip();
                continue;
            }

            if (role == ColumnRole.Value)
            {
                valueKey = name;
            }

            if (!tokens.TryAddScalar(row, out var kind))
            {
                issues.Add(NotScalar(name, index, kind));

                // Section 9: an array or object does not stop reading; a note in error leaves the value to check.
                unreadable |= role != ColumnRole.Note;
                continue;
            }

            // -1: null. The first member of a role wins, unless it is blank and a later one is not.
            var cell = tokens.Type == JsonTokenType.Null ? -1 : row.Count - 1;
            ref var slot = ref cells[(int)role];
            if (slot < 0 || row.Span(slot).IsWhiteSpace())
            {
                slot = cell;
            }
        }

        return unreadable ? null : Complete(raw, cells, valueKey, null, index, catalog, issues);
    }

    private static void CheckRowLimit(int index, IngestLimits limits)
    {
        if (index > limits.MaxDataRows)
        {
            throw ReturnReadException.Limit($"The file has more than {limits.MaxDataRows:N0} observations, the limit of the form: split it into several returns or ask the national team to raise the limit.", index, $"文件的观测值超过报表上限 {limits.MaxDataRows:N0} 条：请拆分为多份报表，或请国家局提高上限。");
        }
    }

    /// <summary>
    /// Resolves the indicator of an observation whose members are in <paramref name="raw"/>'s row (unless the fast path
    /// has, <paramref name="resolved"/>) and names the cell of each role (<paramref name="cells"/>, by
    /// <see cref="ColumnRole"/>; -1: none); null when it names no known indicator.
    /// </summary>
    private static RawObservation? Complete(RawObservation raw, int[] cells, string? valueKey, Indicator? resolved, int index, IndicatorCatalog catalog, IssueCollector issues)
    {
        var row = raw.Cells;
        var indicatorText = row.Span(cells[(int)ColumnRole.Indicator]);
        var indicator = resolved;
        if (indicator is null && !catalog.TryResolve(indicatorText, out indicator))
        {
            issues.Add(indicatorText.IsWhiteSpace()
                ? new Issue(IssueType.UnknownIndicator, $"Observation {index} has no \"indicator\": name the indicator by its code, Chinese or English name.", index, "indicator") { MessageZh = $"第 {index} 条观测值没有 \"indicator\"：请用指标代码、中文或英文名称写明指标。" }
                : catalog.UnknownIndicator(indicatorText.ToString(), issues.ListsNextError, index, "indicator"));
            return null;
        }

        raw.Row = index;
        raw.Indicator = indicator;
        raw.ValueCell = cells[(int)ColumnRole.Value];
        raw.ValueColumn = valueKey ?? "value";
        raw.UnitCell = cells[(int)ColumnRole.Unit];
        raw.ProvinceCell = cells[(int)ColumnRole.Province];
        raw.PeriodCell = cells[(int)ColumnRole.Period];
        raw.NoteCell = cells[(int)ColumnRole.Note];
        var regionCell = cells[(int)ColumnRole.Region];
        if (regionCell < 0)
        {
            raw.RegionCells = [];
        }
        else
        {
            if (raw.RegionCells.Length != 1)
            {
                raw.RegionCells = new int[1];
            }

            raw.RegionCells[0] = regionCell;
        }

        return raw;
    }

    /// <summary>The value of <paramref name="property"/> as text; an array or object is a <c>format-error</c> (false) that does not stop reading.</summary>
    private static bool Scalar(JsonTokens tokens, string property, int? row, IssueCollector issues, out string? text)
    {
        if (tokens.TryScalar(out text, out var kind))
        {
            return true;
        }

        issues.Add(NotScalar(property, row, kind));
        return false;
    }

    private static Issue NotScalar(string property, int? row, string? kind) =>
        new(IssueType.FormatError, $"\"{property}\" must be a string or a number, not {kind}.", row, property) { MessageZh = $"\"{property}\" 必须是字符串或数字，不能是{(kind == "an object" ? "对象" : "数组")}。" };

    private static ReturnReadException Empty() =>
        ReturnReadException.Format("The file is empty: upload a JSON object with an \"observations\" array.", zh: "文件为空：请上传含 \"observations\" 数组的 JSON 对象。");

    private static Issue ExtraProperty(string name, int? row) =>
        new(IssueType.ExtraLabel, $"The property \"{name}\" is not part of the form; it was ignored.", row, name) { MessageZh = $"属性 \"{name}\" 不属于报表，已忽略。" };

    private static Stream Open(Stream content)
    {
        var head = new byte[3];
        var read = content.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        if (read >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            var encoding = new UnicodeEncoding(bigEndian: head[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: true);
            return Encoding.CreateTranscodingStream(ByteBudgetStream.Prefixed(head.AsMemory(2, read - 2), content), encoding, Encoding.UTF8, leaveOpen: true);
        }

        var skip = read == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        return ByteBudgetStream.Prefixed(head.AsMemory(skip, read - skip), content);
    }
}
