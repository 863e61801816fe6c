using Azure.Core;
using Azure.Core.Pipeline;

namespace QiIngest.Storage.Tests;

/// <summary>
/// Loses the answer of requests the service has applied: the first try of every table transaction ($batch) whose body
/// matches <see cref="Matching"/> reaches Azurite, then its response is dropped with an <see cref="IOException"/>, so that
/// the SDK's retry policy sends it again (as a connection reset after the write would).
/// </summary>
internal sealed class LostAnswerPolicy : HttpPipelinePolicy
{
    private readonly HashSet<HttpMessage> _tried = new(ReferenceEqualityComparer.Instance);
    private int _lost;

    /// <summary>A fragment of the batch body, such as <c>DELETE </c>; null loses nothing.</summary>
    public string? Matching { get; set; }

    /// <summary>How many answers were lost.</summary>
    public int Lost => _lost;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Check(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Check(message);
    }

    private void Check(HttpMessage message)
    {
        if (Matching is not { } fragment || !message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) || message.Request.Content is null)
        {
            return;
        }

        using var body = new MemoryStream();
        message.Request.Content.WriteTo(body, default);
        if (!System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains(fragment, StringComparison.Ordinal))
        {
            return;
        }

        lock (_tried)
        {
            if (!_tried.Add(message))
            {
                return;
            }
        }

        Interlocked.Increment(ref _lost);
        throw new IOException("Simulated lost answer: the transaction was applied, the response never arrived.");
    }
}
