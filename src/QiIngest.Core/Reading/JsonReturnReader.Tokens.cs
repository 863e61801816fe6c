using System.Text;
using System.Text.Json;
using QiIngest.Core.Catalog;

namespace QiIngest.Core.Reading;

/// <summary>The token reader of <see cref="JsonReturnReader"/> and its fast path for flat observations.</summary>
internal static partial class JsonReturnReader
{
    /// <summary>
    /// Pulls tokens from a stream through <see cref="Utf8JsonReader"/>. One reader scans as many tokens of the buffer as
    /// it holds into a list of (type, depth, where the value lies), which <see cref="Next"/> then serves; the buffer is
    /// refilled only when the list is used up, so a token's bytes stay where the list says. An error the scan meets
    /// (syntax, the reader's own depth limit) is kept and thrown once the tokens before it have been served, as a
    /// token-by-token reader would.
    /// </summary>
    private sealed class JsonTokens(Stream stream, IndicatorCatalog catalog, IngestLimits limits, bool fastPath)
    {
        private const int TokenBatch = 2048;

        // The names of section 5.1 (and "observations") as UTF-8, with their role: a member written so is matched
        // without a string. Duplicate members are tracked by index below 64, others by text.
        // The first name of each role (the English one, which an export writes) comes first: they are tried in order.
        private static readonly (byte[] Utf8, string Name, ColumnRole Role)[] KnownNames =
            [.. ColumnRoles.Names.Append((Name: "observations", Role: ColumnRole.None)).DistinctBy(n => n.Name)
                .Select((n, i) => (n.Name, First: ColumnRoles.Names.FirstOrDefault(f => f.Role == n.Role).Name == n.Name, i)).OrderBy(n => n.First ? 0 : 1).ThenBy(n => n.i)
                .Take(64).Select(n => (Encoding.UTF8.GetBytes(n.Name), n.Name, ColumnRoles.Resolve(n.Name)))];

        // The reader's depth of an observation object: in the array (1) of the top-level object (0).
        private const int ObservationDepth = 2;

        private readonly Token[] _tokens = new Token[TokenBatch];
        private readonly int[] _order = [-1, -1, -1, -1, -1, -1, -1, -1];

        // The fast path's pause: observations left to the token path, and how many misses in a row set it.
        private int _flatPause;
        private int _flatMisses;

        // Names of no column that were reported (extra-label), as UTF-8: the fast path skips their scalar values, as the
        // token path does once a name is reported.
        private readonly List<byte[]> _reported = [];

        // The indicators the fast path has resolved, by their UTF-8 text: a return names a few over and over.
        private readonly (byte[] Utf8, Indicator Indicator)?[] _indicators = new (byte[], Indicator)?[64];
        private readonly List<string> _unescaped = [];
        private byte[] _buffer = new byte[1 << 16];
        private int _count;
        private int _next;
        private int _consumed;
        private int _end;
        private long _dropped;
        private bool _final;
        private bool _sawToken;
        private ReturnReadException? _pending;

        // The member names of each open object, innermost last, by depth (arrays keep an unused entry).
        private readonly List<Scope> _scopes = [];
        private int _depth;

        // Our own depth check (limit-exceeded) fires first; the reader's is a backstop.
        private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = limits.MaxJsonDepth + 2 });

        private Token _current;
        private string? _text;
        private int _nameIndex;

        public JsonTokenType Type => _current.Type;

        /// <summary>The token's text: strings unescaped, numbers exactly as written; null for other tokens.</summary>
        public string? Text => _text ??= _current.Type switch
        {
            JsonTokenType.PropertyName when _nameIndex >= 0 => KnownNames[_nameIndex].Name,
            JsonTokenType.PropertyName or JsonTokenType.String or JsonTokenType.Number => _current.Unescaped >= 0 ? _unescaped[_current.Unescaped] : Decode(_buffer.AsSpan(_current.Start, _current.Length), _current.Start),
            _ => null,
        };

        /// <summary>For a member name, the column it names (<see cref="ColumnRole.None"/> for another).</summary>
        public ColumnRole NameRole => _nameIndex >= 0 ? KnownNames[_nameIndex].Role : ColumnRoles.Resolve(Text);

        /// <summary>1-based index of the observation being read, for messages; null outside the observations.</summary>
        public int? Row { get; set; }

        /// <summary>
        /// True while the observations array is read. With the fast path, a scan then ends at the end of each observation,
        /// so that the next one starts where <see cref="TryReadFlat"/> can read it.
        /// </summary>
        public bool InObservations { get; set; }

        public bool Next()
        {
            while (_next == _count)
            {
                if (_pending is not null)
                {
                    throw _pending;
                }

                if (!Scan())
                {
                    return false;
                }
            }

            _current = _tokens[_next++];
            _text = null;
            _nameIndex = -1;
            if (_current.Type is JsonTokenType.StartObject or JsonTokenType.StartArray && _current.Depth + 1 > limits.MaxJsonDepth)
            {
                throw ReturnReadException.Limit($"The JSON is nested deeper than {limits.MaxJsonDepth} levels, the limit of the form: a return is an object with an array of flat objects.", zh: $"JSON 嵌套超过报表上限 {limits.MaxJsonDepth} 层：报表是一个对象，内含由扁平对象组成的数组。");
            }

            TrackMembers();
            return true;
        }

        public void Expect()
        {
            if (!Next())
            {
                throw ReturnReadException.Format("The JSON ends too early: check it with a JSON validator and upload again.", zh: "JSON 提前结束：请用 JSON 校验工具检查后重新上传。");
            }
        }

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

        /// <summary>
        /// As <see cref="TryScalar"/>, but appends the value to <paramref name="row"/> as its next cell, decoded straight
        /// from the buffer (no cell for null).
        /// </summary>
        public bool TryAddScalar(GridRow row, out string? kind)
        {
            kind = null;
            switch (Type)
            {
                case JsonTokenType.String or JsonTokenType.Number when _current.Unescaped >= 0:
                    row.Add(_unescaped[_current.Unescaped]);
                    return true;
                case JsonTokenType.String or JsonTokenType.Number:
                    if (!row.TryAddUtf8(_buffer.AsSpan(_current.Start, _current.Length), out var invalidAt))
                    {
                        throw InvalidUtf8(_current.Start + invalidAt);
                    }

                    return true;
                case JsonTokenType.Null:
                    return true;
                case JsonTokenType.True or JsonTokenType.False:
                    row.Add(Type == JsonTokenType.True ? "true" : "false");
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

        /// <summary>Fills the token list from the buffer, reading more of the stream as needed; false at the end of the document.</summary>
        private bool Scan()
        {
            _count = 0;
            _next = 0;
            _unescaped.Clear();
            var force = false;
            while (true)
            {
                Fill(force);
                var reader = new Utf8JsonReader(_buffer.AsSpan(_consumed, _end - _consumed), _final, _state);
                try
                {
                    while (_count < _tokens.Length && reader.Read())
                    {
                        Record(ref reader);
                        if (fastPath && EndsScan(ref reader))
                        {
                            break;
                        }
                    }
                }
                catch (JsonException) when (!_sawToken && _count == 0 && _final && _end - _consumed == 0)
                {
                    _pending = Empty();
                }
                catch (JsonException e)
                {
                    _pending = ReturnReadException.Format($"The file is not valid JSON ({e.Message}): check it with a JSON validator and upload again.", zh: $"文件不是有效的 JSON（{e.Message}）：请用 JSON 校验工具检查后重新上传。");
                }
                catch (InvalidOperationException e)
                {
                    _pending = InvalidUtf8(e.Message);
                }

                _sawToken |= _count > 0;
                _state = reader.CurrentState;
                _consumed += (int)reader.BytesConsumed;
                if (_count > 0 || _pending is not null)
                {
                    return true;
                }

                if (_final)
                {
                    return false;
                }

                // The buffer ends inside a token: read on.
                force = true;
            }
        }

        /// <summary>
        /// With the fast path, a scan ends after an array starts in the top-level object (the observations start with an
        /// empty list) and, inside the observations, after each observation object's end, unless the fast path pauses.
        /// </summary>
        private bool EndsScan(ref Utf8JsonReader reader) => reader.CurrentDepth switch
        {
            ObservationDepth - 1 => reader.TokenType == JsonTokenType.StartArray,
            ObservationDepth => InObservations && _flatPause == 0 && reader.TokenType == JsonTokenType.EndObject,
            _ => false,
        };

        /// <summary>
        /// The fast path: reads the next observation whole, straight from the buffer, when it is a flat object (members
        /// with known names, written once, as the form writes them, without escapes, whose values are scalars) and no
        /// token waits in the list; <paramref name="row"/> gets its values as <see cref="ReadObservation"/> would give them,
        /// <paramref name="cells"/> the cell of each role, <paramref name="indicator"/> the indicator when its text resolves
        /// (then it has no cell). False, with nothing consumed, for anything else (another shape, an unknown or repeated
        /// name, two indicators, an escape, bytes that are not UTF-8, a syntax error, the end of the array): the token path
        /// then reads it and says what is wrong, as it always did. An observation cut by the buffer's end is read again
        /// once more of the stream is in. After an observation it could not read, it pauses for 2, 4, 8 … up to 1,024
        /// observations (until one is read again), which the token path reads in batches: a file whose every observation
        /// has, say, an unknown member costs what it did without the fast path.
        /// </summary>
        public bool TryReadFlat(int index, GridRow row, int[] cells, out string? valueKey, out Indicator? indicator)
        {
            valueKey = null;
            indicator = null;
            if (!fastPath || !InObservations || limits.MaxJsonDepth <= ObservationDepth)
            {
                return false;
            }

            if (_flatPause > 0)
            {
                _flatPause--;
                return false;
            }

            if (_next != _count || _pending is not null || _depth != ObservationDepth)
            {
                return false;
            }

            if (ReadFlatFromBuffer(index, row, cells, out valueKey, out indicator))
            {
                _flatMisses = 0;
                return true;
            }

            _flatMisses = Math.Min(_flatMisses + 1, 10);
            _flatPause = 1 << _flatMisses;
            return false;
        }

        private bool ReadFlatFromBuffer(int index, GridRow row, int[] cells, out string? valueKey, out Indicator? indicator)
        {
            valueKey = null;
            indicator = null;
            while (true)
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_consumed, _end - _consumed), _final, _state);
                Flat read;
                try
                {
                    read = ReadFlat(ref reader, index, row, cells, out valueKey, out indicator);
                }
                catch (JsonException)
                {
                    return false;
                }

                switch (read)
                {
                    case Flat.Read:
                        _state = reader.CurrentState;
                        _consumed += (int)reader.BytesConsumed;
                        return true;
                    case Flat.Cut when !_final:
                        Fill(force: true);
                        break;
                    default:
                        return false;
                }
            }
        }

        private Flat ReadFlat(ref Utf8JsonReader reader, int index, GridRow row, int[] cells, out string? valueKey, out Indicator? indicator)
        {
            valueKey = null;
            indicator = null;
            if (!reader.Read())
            {
                return Flat.Cut;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Flat.Not;
            }

            row.Start(index);
            cells.AsSpan().Fill(-1);
            var seen = 0UL;
            var seenReported = 0UL;
            var sawIndicator = false;
            for (var place = 0; ; place++)
            {
                if (!reader.Read())
                {
                    return Flat.Cut;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return Flat.Read;
                }

                // A property name: the reader allows nothing else here.
                var known = reader.ValueIsEscaped ? -1 : Match(reader.ValueSpan, place);
                if (known < 0)
                {
                    // A name reported already, once in this object, with a scalar value: ignored, as the token path does.
                    var other = reader.ValueIsEscaped ? -1 : ReportedIndex(reader.ValueSpan);
                    if (other < 0 || (seenReported & (1UL << other)) != 0)
                    {
                        return Flat.Not;
                    }

                    seenReported |= 1UL << other;
                    if (!reader.Read())
                    {
                        return Flat.Cut;
                    }

                    // An escaped string the token path unescapes (and so checks) even here.
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray || reader.ValueIsEscaped)
                    {
                        return Flat.Not;
                    }

                    continue;
                }

                if ((seen & (1UL << known)) != 0 || KnownNames[known].Role == ColumnRole.None)
                {
                    return Flat.Not;
                }

                seen |= 1UL << known;
                if (!reader.Read())
                {
                    return Flat.Cut;
                }

                var role = KnownNames[known].Role;
                var isText = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped;
                if (role == ColumnRole.Indicator)
                {
                    // Two indicator members (which must agree) are the token path's to judge.
                    if (sawIndicator)
                    {
                        return Flat.Not;
                    }

                    sawIndicator = true;
                    if (isText && Recall(reader.ValueSpan) is { } recalled)
                    {
                        indicator = recalled;
                        continue;
                    }
                }

                int cell;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        return Flat.Not;
                    case JsonTokenType.String or JsonTokenType.Number:
                        if (!row.TryAddUtf8(reader.ValueSpan, out _))
                        {
                            return Flat.Not;
                        }

                        cell = row.Count - 1;
                        break;
                    case JsonTokenType.Null:
                        cell = -1;
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        row.Add(reader.TokenType == JsonTokenType.True ? "true" : "false");
                        cell = row.Count - 1;
                        break;
                    default:
                        return Flat.Not;
                }

                if (role == ColumnRole.Indicator && isText && catalog.TryResolve(row.Span(cell), out var resolved))
                {
                    Remember(reader.ValueSpan, resolved);
                    indicator = resolved;
                }

                // As ReadObservation: the last value member names the column; the first of a role wins unless it is blank.
                if (role == ColumnRole.Value)
                {
                    valueKey = KnownNames[known].Name;
                }

                ref var slot = ref cells[(int)role];
                if (slot < 0 || row.Span(slot).IsWhiteSpace())
                {
                    slot = cell;
                }
            }
        }

        /// <summary>Notes a name the reader reported as not part of the form (one that names no column), for the fast path.</summary>
        public void Reported(string name)
        {
            if (_reported.Count < 64)
            {
                _reported.Add(Encoding.UTF8.GetBytes(name));
            }
        }

        private int ReportedIndex(ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < _reported.Count; i++)
            {
                if (utf8.SequenceEqual(_reported[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private Indicator? Recall(ReadOnlySpan<byte> utf8) =>
            !utf8.IsEmpty && _indicators[IndicatorSlot(utf8)] is { } hit && utf8.SequenceEqual(hit.Utf8) ? hit.Indicator : null;

        /// <summary>Keeps the first text resolved into each slot: texts that share one are resolved each time, without churn.</summary>
        private void Remember(ReadOnlySpan<byte> utf8, Indicator indicator)
        {
            if (!utf8.IsEmpty && _indicators[IndicatorSlot(utf8)] is null)
            {
                _indicators[IndicatorSlot(utf8)] = (utf8.ToArray(), indicator);
            }
        }

        private int IndicatorSlot(ReadOnlySpan<byte> utf8) => (utf8.Length ^ (utf8[0] * 7) ^ (utf8[^1] * 13)) & (_indicators.Length - 1);

        /// <summary>The known name at <paramref name="place"/> of the last flat observation is tried first: exports write members in one order.</summary>
        private int Match(ReadOnlySpan<byte> name, int place)
        {
            if (place < _order.Length && _order[place] is var guess and >= 0 && name.SequenceEqual(KnownNames[guess].Utf8))
            {
                return guess;
            }

            var known = KnownIndex(name);
            if (place < _order.Length)
            {
                _order[place] = known;
            }

            return known;
        }

        private void Record(ref Utf8JsonReader reader)
        {
            var type = reader.TokenType;
            var start = _consumed + (int)reader.TokenStartIndex;
            var unescaped = -1;
            if (type is JsonTokenType.PropertyName or JsonTokenType.String)
            {
                start++; // the opening quote
                if (reader.ValueIsEscaped)
                {
                    unescaped = _unescaped.Count;
                    _unescaped.Add(reader.GetString()!);
                }
            }

            _tokens[_count++] = new Token(type, reader.CurrentDepth, start, reader.ValueSpan.Length, unescaped);
        }

        /// <summary>Moves the unread bytes to the front and reads more when fewer than half the buffer are left (or <paramref name="force"/>).</summary>
        private void Fill(bool force)
        {
            var remaining = _end - _consumed;
            if (_final || (!force && remaining >= _buffer.Length / 2))
            {
                return;
            }

            if (_consumed > 0)
            {
                Buffer.BlockCopy(_buffer, _consumed, _buffer, 0, remaining);
                _dropped += _consumed;
                (_consumed, _end) = (0, remaining);
            }

            if (_end == _buffer.Length)
            {
                // One token is larger than the buffer: grow (the file-size limit bounds this).
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var n = stream.Read(_buffer, _end, _buffer.Length - _end);
            _final = n == 0;
            _end += n;
        }

        /// <summary>Section 5.3: an object with the same member name twice is a <c>format-error</c> that stops reading (which one would count?).</summary>
        private void TrackMembers()
        {
            switch (_current.Type)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (_scopes.Count == _depth)
                    {
                        _scopes.Add(new Scope());
                    }

                    _scopes[_depth++].Clear();
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    _depth--;
                    break;
                case JsonTokenType.PropertyName:
                    _nameIndex = _current.Unescaped >= 0 ? KnownIndex(_unescaped[_current.Unescaped]) : KnownIndex(_buffer.AsSpan(_current.Start, _current.Length));
                    if (!_scopes[_depth - 1].Add(_nameIndex, _nameIndex >= 0 ? null : Text!))
                    {
                        throw ReturnReadException.Format($"An object has the member \"{Text}\" twice: give each member once.", Row, Text, $"对象中的成员 \"{Text}\" 出现了两次：每个成员只写一次。");
                    }

                    break;
            }
        }

        private static int KnownIndex(ReadOnlySpan<byte> utf8)
        {
            for (var i = 0; i < KnownNames.Length; i++)
            {
                if (utf8.SequenceEqual(KnownNames[i].Utf8))
                {
                    return i;
                }
            }

            return -1;
        }

        private static int KnownIndex(string name)
        {
            for (var i = 0; i < KnownNames.Length; i++)
            {
                if (name == KnownNames[i].Name)
                {
                    return i;
                }
            }

            return -1;
        }

        private string Decode(ReadOnlySpan<byte> utf8, int start)
        {
            var chars = new char[utf8.Length];
            return System.Text.Unicode.Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
                ? new string(chars, 0, written)
                : throw InvalidUtf8(start + read);
        }

        private ReturnReadException InvalidUtf8(int bufferOffset) =>
            InvalidUtf8($"byte {_dropped + bufferOffset:N0} of the text");

        private static ReturnReadException InvalidUtf8(string where) =>
            ReturnReadException.Encoding($"The JSON has text that is not valid UTF-8 ({where}): save it as UTF-8 and upload again.", zh: $"JSON 中有无效的 UTF-8 文本（{where}）：请另存为 UTF-8 后重新上传。");

        private enum Flat
        {
            /// <summary>Read whole.</summary>
            Read,

            /// <summary>Not a flat observation: the token path reads it.</summary>
            Not,

            /// <summary>Cut by the end of the buffer.</summary>
            Cut,
        }

        /// <summary>A token of the list; <paramref name="Unescaped"/> indexes the batch's unescaped strings (-1: none), so that a token holds no reference.</summary>
        private readonly record struct Token(JsonTokenType Type, int Depth, int Start, int Length, int Unescaped);

        /// <summary>The member names seen in one open object: the known ones as bits, others as text.</summary>
        private sealed class Scope
        {
            private ulong _known;
            private HashSet<string>? _others;

            public void Clear()
            {
                _known = 0;
                _others?.Clear();
            }

            public bool Add(int knownIndex, string? other)
            {
                if (knownIndex >= 0)
                {
                    var bit = 1UL << knownIndex;
                    var fresh = (_known & bit) == 0;
                    _known |= bit;
                    return fresh;
                }

                return (_others ??= new HashSet<string>(StringComparer.Ordinal)).Add(other!);
            }
        }
    }
}
