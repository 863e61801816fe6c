using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace QiIngest.Core.Reading;

/// <summary>
/// Picks the encoding of a CSV as section 7 orders it: a BOM, else strict UTF-8, else GB18030 (never GB18030 first).
/// </summary>
internal static class TextDecoding
{
    /// <summary>Strict GB18030 (covers GBK and GB2312); undecodable bytes throw.</summary>
    public static Encoding Gb18030 { get; } = (Encoding)System.Text.CodePagesEncodingProvider.Instance.GetEncoding(54936)!.Clone();

    static TextDecoding()
    {
        Gb18030.DecoderFallback = DecoderFallback.ExceptionFallback;
    }

    /// <summary>Detects the encoding and returns a reader positioned after any BOM, which throws <see cref="ReturnReadException"/> on undecodable bytes or U+0000.</summary>
    public static TextReader Open(Stream content)
    {
        var head = new byte[4];
        var read = ReadAtMost(content, head);
        var start = content.CanSeek ? content.Position - read : 0;
        Encoding encoding;
        int bomLength;
        if (read >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            (encoding, bomLength) = (new UTF8Encoding(false, true), 3);
        }
        else if (read >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        {
            (encoding, bomLength) = (new UnicodeEncoding(false, false, true), 2);
        }
        else if (read >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        {
            (encoding, bomLength) = (new UnicodeEncoding(true, false, true), 2);
        }
        else
        {
            bomLength = 0;
            encoding = LooksLikeUtf8(content, head.AsSpan(0, read)) ? new UTF8Encoding(false, true) : Gb18030;
        }

        Stream body;
        if (content.CanSeek)
        {
            content.Position = start + bomLength;
            body = content;
        }
        else
        {
            body = ByteBudgetStream.Prefixed(head.AsMemory(bomLength, read - bomLength), content);
        }

        // 16 KB of bytes: its buffers stay off the large object heap, whose allocations cost a full collection now and then.
        return new GuardedTextReader(new StreamReader(body, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 14));
    }

    /// <summary>
    /// Strict UTF-8 over the whole stream when it can be rewound (one fast pass); otherwise over the first bytes only.
    /// Callers hand the core seekable streams (files, blob streams).
    /// </summary>
    private static bool LooksLikeUtf8(Stream content, ReadOnlySpan<byte> head)
    {
        if (!content.CanSeek)
        {
            return Utf8.IsValid(head);
        }

        var origin = content.Position - head.Length;
        content.Position = origin;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 18);
        try
        {
            return IsUtf8(content, buffer);
        }
        finally
        {
            content.Position = origin;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsUtf8(Stream content, byte[] buffer)
    {
        var carry = 0;
        int n;
        while ((n = content.Read(buffer, carry, buffer.Length - carry)) > 0 || carry > 0)
        {
            var length = carry + n;
            var span = buffer.AsSpan(0, length);
            var valid = ValidPrefix(span, isFinal: n == 0);
            if (valid < 0)
            {
                return false;
            }

            carry = length - valid;
            span[valid..].CopyTo(buffer);
            if (n == 0)
            {
                break;
            }
        }

        return true;
    }

    /// <summary>Length of the valid prefix that ends on a character boundary, or -1 when the bytes are not UTF-8.</summary>
    private static int ValidPrefix(ReadOnlySpan<byte> span, bool isFinal)
    {
        // A chunk may end inside a character: hold back an incomplete last sequence (at most 3 bytes) for the next
        // round, so that each byte is validated once.
        var end = span.Length;
        if (!isFinal)
        {
            var lead = end - 1;
            while (lead >= 0 && lead > end - 4 && (span[lead] & 0xC0) == 0x80)
            {
                lead--;
            }

            if (lead >= 0 && span[lead] >= 0xC0)
            {
                var needed = span[lead] >= 0xF0 ? 4 : span[lead] >= 0xE0 ? 3 : 2;
                if (lead + needed > end)
                {
                    end = lead;
                }
            }
        }

        return Utf8.IsValid(span[..end]) ? end : -1;
    }

    private static int ReadAtMost(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        int n;
        while (total < buffer.Length && (n = stream.Read(buffer[total..])) > 0)
        {
            total += n;
        }

        return total;
    }

    /// <summary>Turns decoder failures and U+0000 into the issues of section 7.</summary>
    private sealed class GuardedTextReader(TextReader inner) : TextReader
    {
        public override int Peek() => Guard(inner.Peek);

        public override int Read() => Guard(inner.Read);

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (DecoderFallbackException e)
            {
                throw Undecodable(e);
            }

            if (buffer[..n].Contains('\0'))
            {
                throw Nul();
            }

            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer.AsSpan(index, count)));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private static int Guard(Func<int> read)
        {
            try
            {
                var c = read();
                return c == 0 ? throw Nul() : c;
            }
            catch (DecoderFallbackException e)
            {
                throw Undecodable(e);
            }
        }

        private static ReturnReadException Undecodable(DecoderFallbackException e) => ReturnReadException.Encoding(
            $"The file has bytes that are not valid in its encoding ({DescribeBytes(e.BytesUnknown)}): save it as UTF-8 (or GB18030) and upload again.",
            zh: $"文件中有该编码无法识别的字节（{DescribeBytes(e.BytesUnknown)}）：请另存为 UTF-8（或 GB18030）后重新上传。");

        private static ReturnReadException Nul() => ReturnReadException.Format(
            "The file contains a NUL character (U+0000), so it is not a text CSV: export it again as CSV from your spreadsheet.",
            zh: "文件含有 NUL 字符（U+0000），不是文本 CSV：请从电子表格重新导出为 CSV。");

        private static string DescribeBytes(byte[]? bytes) => bytes is null ? "unknown bytes" : "0x" + Convert.ToHexString(bytes);
    }
}
