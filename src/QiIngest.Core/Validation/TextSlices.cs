namespace QiIngest.Core.Validation;

/// <summary>
/// Keys of a dictionary as slices of a few shared character buffers, looked up by span: a return with 10⁵ regions keeps
/// their names without 10⁵ strings for the garbage collector to trace and promote. Hashing is the randomised hash of
/// <see cref="string"/>, so hostile names cannot force collisions.
/// </summary>
internal sealed class TextSlices : IEqualityComparer<ReadOnlyMemory<char>>, IAlternateEqualityComparer<ReadOnlySpan<char>, ReadOnlyMemory<char>>
{
    // 32 KB per buffer: below the large object heap's 85,000 bytes.
    private const int BufferLength = 16_384;
    private char[] _buffer = new char[BufferLength];
    private int _used;

    /// <summary>The key <see cref="Create"/> made last: the dictionary's copy of the key it just added.</summary>
    public ReadOnlyMemory<char> LastCreated { get; private set; }

    /// <summary>Copies <paramref name="alternate"/> into a buffer and returns the copy.</summary>
    public ReadOnlyMemory<char> Create(ReadOnlySpan<char> alternate) => LastCreated = Copy(alternate);

    public bool Equals(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<char> obj) => string.GetHashCode(obj.Span);

    public bool Equals(ReadOnlySpan<char> alternate, ReadOnlyMemory<char> other) => alternate.SequenceEqual(other.Span);

    public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate);

    private ReadOnlyMemory<char> Copy(ReadOnlySpan<char> alternate)
    {
        if (alternate.Length > BufferLength / 8)
        {
            return alternate.ToArray();
        }

        if (_used + alternate.Length > _buffer.Length)
        {
            _buffer = new char[BufferLength];
            _used = 0;
        }

        alternate.CopyTo(_buffer.AsSpan(_used));
        var slice = new ReadOnlyMemory<char>(_buffer, _used, alternate.Length);
        _used += alternate.Length;
        return slice;
    }
}
