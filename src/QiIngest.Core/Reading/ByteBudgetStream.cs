namespace QiIngest.Core.Reading;

/// <summary>
/// A forward-only view of a stream that charges every byte it reads to a <see cref="ByteBudget"/> (the file size limit,
/// an XLSX's decompressed bytes), after replaying a few bytes already read from it (a sniffed byte-order mark), which
/// are not charged again.
/// </summary>
/// <param name="inner">The stream read.</param>
/// <param name="budget">What the bytes read from <paramref name="inner"/> are charged to; null for none.</param>
/// <param name="name">What is read, for the budget's message (an XLSX part).</param>
/// <param name="prefix">Bytes to give before those of <paramref name="inner"/>.</param>
/// <param name="leaveOpen">Whether disposing leaves <paramref name="inner"/> open.</param>
internal sealed class ByteBudgetStream(Stream inner, ByteBudget? budget, string name = "", ReadOnlyMemory<byte> prefix = default, bool leaveOpen = true) : Stream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    /// <summary>A stream that replays <paramref name="prefix"/>, then reads <paramref name="rest"/>, uncounted.</summary>
    public static ByteBudgetStream Prefixed(ReadOnlyMemory<byte> prefix, Stream rest) => new(rest, null, prefix: prefix);

    /// <summary>How many bytes have been read from the inner stream.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (!_prefix.IsEmpty)
        {
            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }

        var read = inner.Read(buffer);
        BytesRead += read;
        budget?.Charge(read, name);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
