namespace QiIngest.Core.Validation;

/// <summary>
/// A table of values keyed by text and looked up by span, for the state of a return that grows with its distinct keys
/// (10⁵ regions in a large one). Compared with a <see cref="Dictionary{TKey, TValue}"/> of strings it keeps no object
/// per key: key texts live in shared character buffers, values in blocks below the large object heap, and the index is
/// one array of (hash, entry) pairs probed in place, so a new key costs one cache miss rather than a bucket and an
/// entry. Hashes are <see cref="string"/>'s randomised ones, so hostile keys cannot be made to collide. The entry of the
/// last lookup is tried first: rows of one region usually follow each other.
/// </summary>
/// <typeparam name="T">The value kept per key.</typeparam>
internal sealed class TextKeyedTable<T>
    where T : struct
{
    private const int BlockBits = 10;
    private const int BlockLength = 1 << BlockBits;
    private const int TextBufferLength = 16_384;

    private readonly List<Entry[]> _blocks = [];
    private readonly List<char[]> _texts = [new char[TextBufferLength]];
    private long[] _slots = new long[64];
    private int _text;
    private int _textUsed;
    private int _last = -1;

    /// <summary>How many keys the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>The value of <paramref name="key"/>, added as <c>default</c> when the table does not hold it yet.</summary>
    public ref T GetOrAdd(ReadOnlySpan<char> key)
    {
        if (_last >= 0 && KeyOf(_last).SequenceEqual(key))
        {
            return ref At(_last).Value;
        }

        var hash = string.GetHashCode(key);
        var slot = Probe(key, hash);
        var index = IndexOf(_slots[slot]);
        if (index < 0)
        {
            index = Add(key);
            _slots[slot] = Pack(hash, index);
            if (Count * 2 > _slots.Length)
            {
                Grow();
            }
        }

        _last = index;
        return ref At(index).Value;
    }

    /// <summary>Whether the table holds <paramref name="key"/>, and its value's place for <see cref="ValueAt"/>.</summary>
    public bool TryFind(ReadOnlySpan<char> key, out int index)
    {
        index = IndexOf(_slots[Probe(key, string.GetHashCode(key))]);
        return index >= 0;
    }

    /// <summary>The value at a place <see cref="TryFind"/> gave, or of the last key looked up (<see cref="LastIndex"/>).</summary>
    public ref T ValueAt(int index) => ref At(index).Value;

    /// <summary>The place of the last key looked up or added.</summary>
    public int LastIndex => _last;

    /// <summary>The key at a place.</summary>
    public ReadOnlySpan<char> KeyOf(int index)
    {
        ref var entry = ref At(index);
        return _texts[entry.Text].AsSpan(entry.Start, entry.Length);
    }

    // A slot holds the key's hash in its high half and its entry's place + 1 in its low half; 0 is an empty slot.
    private static long Pack(int hash, int index) => ((long)hash << 32) | (uint)(index + 1);

    private static int HashOf(long packed) => unchecked((int)(packed >> 32));

    private static int IndexOf(long packed) => unchecked((int)(uint)packed) - 1;

    private ref Entry At(int index) => ref _blocks[index >> BlockBits][index & (BlockLength - 1)];

    /// <summary>The slot that holds <paramref name="key"/>, or the empty slot where it belongs (linear probing).</summary>
    private int Probe(ReadOnlySpan<char> key, int hash)
    {
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var packed = _slots[slot];
            if (packed == 0 || (HashOf(packed) == hash && KeyOf(IndexOf(packed)).SequenceEqual(key)))
            {
                return slot;
            }
        }
    }

    private int Add(ReadOnlySpan<char> key)
    {
        if ((Count >> BlockBits) == _blocks.Count)
        {
            _blocks.Add(new Entry[BlockLength]);
        }

        var index = Count++;
        ref var entry = ref At(index);
        if (key.Length > TextBufferLength / 8)
        {
            // A long key gets a buffer of its own; short ones go on filling the current buffer.
            _texts.Add(key.ToArray());
            (entry.Text, entry.Start, entry.Length) = (_texts.Count - 1, 0, key.Length);
            return index;
        }

        if (_textUsed + key.Length > TextBufferLength)
        {
            _texts.Add(new char[TextBufferLength]);
            (_text, _textUsed) = (_texts.Count - 1, 0);
        }

        key.CopyTo(_texts[_text].AsSpan(_textUsed));
        (entry.Text, entry.Start, entry.Length) = (_text, _textUsed, key.Length);
        _textUsed += key.Length;
        return index;
    }

    /// <summary>Doubles the index from the hashes it keeps: no key is hashed or compared again.</summary>
    private void Grow()
    {
        var slots = new long[_slots.Length * 2];
        var mask = slots.Length - 1;
        foreach (var packed in _slots)
        {
            if (packed == 0)
            {
                continue;
            }

            var slot = HashOf(packed) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = packed;
        }

        _slots = slots;
    }

    private struct Entry
    {
        public T Value;
        public int Text;
        public int Start;
        public int Length;
    }
}
