using Azure.Core;
using Azure.Core.Pipeline;

namespace QiIngest.Bench.Storage;

/// <summary>
/// Counts the HTTP requests (storage transactions, as the service bills them) that reach the table and blob services,
/// retries included: it runs at the per-retry position of every client's pipeline.
/// </summary>
internal sealed class RequestCounter : HttpPipelinePolicy
{
    private long _tableBatches;
    private long _tableOther;
    private long _blob;
    private long _other;
    private long _tableBatchBytes;

    public RequestCount Snapshot() => new(Interlocked.Read(ref _tableBatches), Interlocked.Read(ref _tableOther), Interlocked.Read(ref _blob), Interlocked.Read(ref _other), Interlocked.Read(ref _tableBatchBytes));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var uri = message.Request.Uri;
        if (uri.Port == AzuriteEndpoints.TablePort || uri.Host?.Contains(".table.", StringComparison.Ordinal) == true)
        {
            if (uri.Path?.EndsWith("/$batch", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _tableBatches);
                if (message.Request.Content?.TryComputeLength(out var length) == true)
                {
                    Interlocked.Add(ref _tableBatchBytes, length);
                }
            }
            else
            {
                Interlocked.Increment(ref _tableOther);
            }
        }
        else if (uri.Port == AzuriteEndpoints.BlobPort || uri.Host?.Contains(".blob.", StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _blob);
        }
        else
        {
            Interlocked.Increment(ref _other);
        }
    }
}
