using Azure.Core;
using Azure.Core.Pipeline;

namespace QiIngest.Storage.Tests;

/// <summary>
/// Simulates the process dying mid-ingestion: once armed, every table transaction ($batch) after the first
/// <see cref="AllowedBatches"/> fails before it reaches Azurite.
/// </summary>
internal sealed class FailingBatchPolicy : HttpPipelinePolicy
{
    private int _batches;

    public int? AllowedBatches { get; set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (AllowedBatches is { } allowed && message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) && Interlocked.Increment(ref _batches) > allowed)
        {
            throw new SimulatedCrashException();
        }
    }
}

/// <summary>Not an <see cref="IOException"/>, so the SDK's retry policy does not mask the crash.</summary>
internal sealed class SimulatedCrashException() : Exception("Simulated crash between table transactions.");
