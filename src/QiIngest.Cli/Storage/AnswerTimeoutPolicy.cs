using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace QiIngest.Cli.Storage;

/// <summary>
/// How long one try of a storage request may wait for its answer: <see cref="Answer"/>, plus the time its body takes to
/// send at <see cref="SlowUploadBytesPerSecond"/>. A storage endpoint that accepts connections and never answers (a hung
/// or wrong service) then fails in seconds, while a large upload on a slow line still has the time it needs. A try that
/// runs out of time fails as a <see cref="RequestFailedException"/> with status 0 (no answer) caused by a
/// <see cref="TimeoutException"/>, so that it is retried and then reported as no answer, not as a cancellation.
/// </summary>
internal sealed class AnswerTimeoutPolicy(TimeSpan answer) : HttpPipelinePolicy
{
    /// <summary>The slowest upload rate allowed for: 64 KiB/s, a poor provincial line.</summary>
    public const long SlowUploadBytesPerSecond = 64 * 1024;

    /// <summary>The wait for an answer to a request without a body.</summary>
    public TimeSpan Answer { get; } = answer;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        ArgumentNullException.ThrowIfNull(message);
        var upload = message.Request.Content is { } content && content.TryComputeLength(out var length) ? length : 0;
        var timeout = Answer + TimeSpan.FromSeconds((double)upload / SlowUploadBytesPerSecond);
        message.NetworkTimeout = timeout;
        try
        {
            if (async)
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            else
            {
                ProcessNext(message, pipeline);
            }
        }
        catch (OperationCanceledException e) when (!message.CancellationToken.IsCancellationRequested)
        {
            // The network timeout, not the caller: no answer came.
            var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new RequestFailedException(0, $"No answer from {message.Request.Uri.Host}:{message.Request.Uri.Port} within {seconds} s.", new TimeoutException(e.Message, e));
        }
    }
}
