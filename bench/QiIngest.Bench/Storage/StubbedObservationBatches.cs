using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace QiIngest.Bench.Storage;

/// <summary>
/// Answers the table transactions that write to the observations table with success, in-process, instead of sending
/// them to Azurite; every other request (blobs, the ledger, its commit) goes through. The request body is still
/// serialised (into a counter), so the SDK's work and garbage stay in the measurement. Used where Azurite cannot keep
/// up: it stores a partition so that each write scans the partition, which makes 10^6 rows in one partition take hours.
/// </summary>
internal sealed class StubbedObservationBatches(string observationsTable) : HttpPipelinePolicy
{
    private readonly byte[] _table = Encoding.ASCII.GetBytes("/" + observationsTable + "(");
    private long _stubbed;

    /// <summary>Transactions answered here.</summary>
    public long Stubbed => Interlocked.Read(ref _stubbed);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!TryStub(message, async: false).AsTask().GetAwaiter().GetResult())
        {
            ProcessNext(message, pipeline);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!await TryStub(message, async: true))
        {
            await ProcessNextAsync(message, pipeline);
        }
    }

    private async ValueTask<bool> TryStub(HttpMessage message, bool async)
    {
        if (message.Request.Uri.Path?.EndsWith("/$batch", StringComparison.Ordinal) != true || message.Request.Content is not { } content)
        {
            return false;
        }

        var counter = new PatternCounter(_table, "Content-Type: application/http"u8.ToArray());
        if (async)
        {
            await content.WriteToAsync(counter, message.CancellationToken);
        }
        else
        {
            content.WriteTo(counter, message.CancellationToken);
        }

        if (counter.FirstCount == 0)
        {
            return false;
        }

        Interlocked.Increment(ref _stubbed);
        message.Response = new StubResponse(counter.SecondCount);
        return true;
    }

    /// <summary>A write-only stream that counts two byte patterns in what is written to it.</summary>
    private sealed class PatternCounter(byte[] first, byte[] second) : Stream
    {
        private int _firstMatched;
        private int _secondMatched;

        public int FirstCount { get; private set; }

        public int SecondCount { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            foreach (var b in buffer)
            {
                FirstCount += Step(first, ref _firstMatched, b);
                SecondCount += Step(second, ref _secondMatched, b);
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // The patterns have no proper prefix that is also a suffix, so a mismatch restarts the match.
        private static int Step(byte[] pattern, ref int matched, byte b)
        {
            matched = b == pattern[matched] ? matched + 1 : b == pattern[0] ? 1 : 0;
            if (matched < pattern.Length)
            {
                return 0;
            }

            matched = 0;
            return 1;
        }
    }

    /// <summary>The 202 multipart answer Azurite gives to a change set, with one 204 per action.</summary>
    private sealed class StubResponse : Response
    {
        private const string Batch = "batchresponse_00000000-0000-0000-0000-000000000000";
        private const string ChangeSet = "changesetresponse_00000000-0000-0000-0000-000000000000";
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

        public StubResponse(int actions)
        {
            _headers["Content-Type"] = $"multipart/mixed; boundary={Batch}";
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"--{Batch}\r\nContent-Type: multipart/mixed; boundary={ChangeSet}\r\n\r\n");
            for (var i = 0; i < actions; i++)
            {
                body.Append(CultureInfo.InvariantCulture, $"--{ChangeSet}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
                body.Append("HTTP/1.1 204 No Content\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-cache\r\nDataServiceVersion: 3.0;\r\n");
                body.Append("ETag: W/\"datetime'2024-03-01T02%3A00%3A00.0000000Z'\"\r\n\r\n\r\n");
            }

            body.Append(CultureInfo.InvariantCulture, $"--{ChangeSet}--\r\n--{Batch}--\r\n");
            ContentStream = new MemoryStream(Encoding.ASCII.GetBytes(body.ToString()));
        }

        public override int Status => 202;

        public override string ReasonPhrase => "Accepted";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = _headers.TryGetValue(name, out var value) ? [value] : null;
            return values is not null;
        }
    }
}
