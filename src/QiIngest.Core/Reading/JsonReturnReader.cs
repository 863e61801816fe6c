using System.Text;
using System.Text.Json;
using QiIngest.Core.Catalog;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Reading;

/// <summary>
/// Streams the observations of a JSON return (section 5.3) without loading the document, enforcing the depth limit.
/// </summary>
internal static class JsonReturnReader
{
    /// <summary>Reads the observations; <paramref name="documentField"/> receives the top-level reporter and period.</summary>
    public static IEnumerable<RawObservation> Read(Stream content, IndicatorCatalog catalog, IngestLimits limits, IssueCollector issues, Action<ColumnRole, string?> documentField)
    {
        var tokens = new JsonTokens(Open(content), limits);
        if (!tokens.Next())
        {
            throw ReturnReadException.Format("The file is empty: upload a JSON object with an \"observations\" array.");
        }

        if (tokens.Type != JsonTokenType.StartObject)
        {
            // Read it to the end first, so that a hostile nesting is reported as the limit it breaks.
            tokens.Skip();
            throw ReturnReadException.Format("The JSON is not an object: a return is {\"reporter\": …, \"period\": …, \"observations\": [ … ]}.");
        }

        var sawObservations = false;
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
                        throw ReturnReadException.Format("\"observations\" is not an array: give a list of {\"indicator\": …, \"value\": …} objects.", column: "observations");
                    }

                    var index = 0;
                    while (tokens.Next() && tokens.Type != JsonTokenType.EndArray)
                    {
                        index++;
                        if (index > limits.MaxDataRows)
                        {
                            throw ReturnReadException.Limit($"The file has more than {limits.MaxDataRows:N0} observations, the limit of the form: split it into several returns or ask the national team to raise the limit.", index);
                        }

                        tokens.Row = index;
                        var observation = ReadObservation(tokens, index, catalog, issues, extras);
                        tokens.Row = null;
                        if (observation is not null)
                        {
                            yield return observation;
                        }
                    }

                    break;
                default:
                    if (extras.Add(name))
                    {
                        issues.Add(new Issue(IssueType.ExtraLabel, $"The property \"{name}\" is not part of the form; it was ignored.", Column: name));
                    }

                    tokens.Skip();
                    break;
            }
        }

        if (!sawObservations)
        {
            throw ReturnReadException.Format("The JSON has no \"observations\" array: give the figures as {\"observations\": [{\"indicator\": …, \"value\": …}]}.");
        }
    }

    private static RawObservation? ReadObservation(JsonTokens tokens, int index, IndicatorCatalog catalog, IssueCollector issues, HashSet<string> extras)
    {
        if (tokens.Type != JsonTokenType.StartObject)
        {
            issues.Add(new Issue(IssueType.FormatError, $"Observation {index} is not an object: give {{\"indicator\": …, \"value\": …}}.", index));
            tokens.Skip();
            return null;
        }

        var fields = new Dictionary<ColumnRole, string?>();
        string? valueKey = null;
        var unreadable = false;
        while (tokens.Next() && tokens.Type == JsonTokenType.PropertyName)
        {
            var name = tokens.Text!;
            tokens.Expect();
            var role = ColumnRoles.Resolve(name);
            if (role == ColumnRole.None)
            {
                if (extras.Add(name))
                {
                    issues.Add(new Issue(IssueType.ExtraLabel, $"The property \"{name}\" is not part of the form; it was ignored.", index, name));
                }

                tokens.Skip();
                continue;
            }

            if (role == ColumnRole.Value)
            {
                valueKey = name;
            }

            if (!Scalar(tokens, name, index, issues, out var value))
            {
                // Section 9: an array or object does not stop reading; a note in error leaves the value to check.
                unreadable |= role != ColumnRole.Note;
                continue;
            }

            if (!fields.TryGetValue(role, out var existing) || string.IsNullOrWhiteSpace(existing))
            {
                fields[role] = value;
            }
        }

        if (unreadable)
        {
            return null;
        }

        var indicatorText = fields.GetValueOrDefault(ColumnRole.Indicator);
        if (!catalog.TryResolve(indicatorText, out var indicator))
        {
            issues.Add(new Issue(IssueType.UnknownIndicator, string.IsNullOrWhiteSpace(indicatorText)
                ? $"Observation {index} has no \"indicator\": name the indicator by its code, Chinese or English name."
                : $"'{indicatorText}' is not an indicator of the catalog: use a code such as IT_INSTITUTIONS, or its Chinese or English name.", index, "indicator"));
            return null;
        }

        var region = fields.GetValueOrDefault(ColumnRole.Region);
        string?[] cells = [fields.GetValueOrDefault(ColumnRole.Value), fields.GetValueOrDefault(ColumnRole.Unit), fields.GetValueOrDefault(ColumnRole.Province), fields.GetValueOrDefault(ColumnRole.Period), fields.GetValueOrDefault(ColumnRole.Note), region];
        return new RawObservation
        {
            Row = index,
            Indicator = indicator,
            Cells = new GridRow(index, cells),
            ValueCell = 0,
            ValueColumn = valueKey ?? "value",
            UnitCell = 1,
            ProvinceCell = 2,
            ProvinceColumn = "province",
            PeriodCell = 3,
            PeriodColumn = "period",
            NoteCell = 4,
            RegionCells = region is null ? [] : [5],
            RegionColumn = "region",
        };
    }

    /// <summary>The value of <paramref name="property"/> as text; an array or object is a <c>format-error</c> (false) that does not stop reading.</summary>
    private static bool Scalar(JsonTokens tokens, string property, int? row, IssueCollector issues, out string? text)
    {
        if (tokens.TryScalar(out text, out var kind))
        {
            return true;
        }

        issues.Add(new Issue(IssueType.FormatError, $"\"{property}\" must be a string or a number, not {kind}.", row, property));
        return false;
    }

    private static Stream Open(Stream content)
    {
        var head = new byte[3];
        var read = content.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        if (read >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            var encoding = new UnicodeEncoding(bigEndian: head[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: true);
            return Encoding.CreateTranscodingStream(new PrefixedStream(head.AsMemory(2, read - 2), content), encoding, Encoding.UTF8, leaveOpen: true);
        }

        var skip = read == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        return new PrefixedStream(head.AsMemory(skip, read - skip), content);
    }

    /// <summary>Pulls tokens from a stream through <see cref="Utf8JsonReader"/>, refilling its buffer as needed.</summary>
    private sealed class JsonTokens(Stream stream, IngestLimits limits)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _end;
        private bool _final;
        private bool _sawToken;

        // The member names of each open object (null for an array), innermost on top; the sets are reused by depth.
        private readonly Stack<HashSet<string>?> _scopes = new();
        private readonly List<HashSet<string>> _names = [];

        // Our own depth check (limit-exceeded) fires first; the reader's is a backstop.
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = limits.MaxJsonDepth + 2 });

        public JsonTokenType Type { get; private set; }

        public string? Text { get; private set; }

        public bool Next()
        {
            while (true)
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
                bool read;
                try
                {
                    read = reader.Read();
                    if (read)
                    {
                        Capture(ref reader);
                    }
                }
                catch (JsonException) when (!_sawToken && _final && _end - _start == 0)
                {
                    throw ReturnReadException.Format("The file is empty: upload a JSON object with an \"observations\" array.");
                }
                catch (JsonException e)
                {
                    throw ReturnReadException.Format($"The file is not valid JSON ({e.Message}): check it with a JSON validator and upload again.");
                }
                catch (InvalidOperationException e)
                {
                    throw ReturnReadException.Encoding($"The JSON has text that is not valid UTF-8 ({e.Message}): save it as UTF-8 and upload again.");
                }

                if (read)
                {
                    _sawToken = true;
                    _start += (int)reader.BytesConsumed;
                    _state = reader.CurrentState;
                    return true;
                }

                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                if (_final)
                {
                    return false;
                }

                Refill();
            }
        }

        public void Expect()
        {
            if (!Next())
            {
                throw ReturnReadException.Format("The JSON ends too early: check it with a JSON validator and upload again.");
            }
        }

        /// <summary>1-based index of the observation being read, for messages; null outside the observations.</summary>
        public int? Row { get; set; }

        /// <summary>The value just read as text (strings as they are, numbers exactly as written, null as null); false (skipped) for an array or object.</summary>
        public bool TryScalar(out string? text, out string? kind)
        {
            kind = null;
            text = null;
            switch (Type)
            {
                case JsonTokenType.String or JsonTokenType.Number:
                    text = Text;
                    return true;
                case JsonTokenType.Null:
                    return true;
                case JsonTokenType.True or JsonTokenType.False:
                    text = Type == JsonTokenType.True ? "true" : "false";
                    return true;
                default:
                    kind = Type == JsonTokenType.StartObject ? "an object" : "an array";
                    Skip();
                    return false;
            }
        }

        /// <summary>Skips the value just read (a scalar, or a whole object or array).</summary>
        public void Skip()
        {
            if (Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return;
            }

            var depth = 1;
            while (depth > 0 && Next())
            {
                depth += Type switch
                {
                    JsonTokenType.StartObject or JsonTokenType.StartArray => 1,
                    JsonTokenType.EndObject or JsonTokenType.EndArray => -1,
                    _ => 0,
                };
            }
        }

        private void Capture(ref Utf8JsonReader reader)
        {
            Type = reader.TokenType;
            if (Type is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth + 1 > limits.MaxJsonDepth)
            {
                throw ReturnReadException.Limit($"The JSON is nested deeper than {limits.MaxJsonDepth} levels, the limit of the form: a return is an object with an array of flat objects.");
            }

            Text = Type switch
            {
                JsonTokenType.PropertyName or JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => null,
            };
            TrackMembers();
        }

        /// <summary>Section 5.3: an object with the same member name twice is a <c>format-error</c> that stops reading (which one would count?).</summary>
        private void TrackMembers()
        {
            switch (Type)
            {
                case JsonTokenType.StartObject:
                    while (_names.Count <= _scopes.Count)
                    {
                        _names.Add(new HashSet<string>(StringComparer.Ordinal));
                    }

                    _scopes.Push(_names[_scopes.Count]);
                    break;
                case JsonTokenType.StartArray:
                    _scopes.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    _scopes.Pop()?.Clear();
                    break;
                case JsonTokenType.PropertyName when !_scopes.Peek()!.Add(Text!):
                    throw ReturnReadException.Format($"An object has the member \"{Text}\" twice: give each member once.", Row, Text);
            }
        }

        private void Refill()
        {
            var remaining = _end - _start;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
                (_start, _end) = (0, remaining);
            }

            if (_end == _buffer.Length)
            {
                // One token is larger than the buffer: grow (the file-size limit bounds this).
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _final = true;
            }

            _end += n;
        }
    }
}
