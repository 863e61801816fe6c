using Azure.Core;
using Azure.Core.Pipeline;

namespace QiIngest.Storage.Tests;

/// <summary>Runs an action once, right after the first download (GET) of a blob whose path ends with <see cref="BlobPath"/> has been answered.</summary>
internal sealed class AfterDownloadPolicy : HttpPipelinePolicy
{
    private int _done;

    public string? BlobPath { get; set; }

    public Func<Task>? Action { get; set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (BlobPath is { } path && Action is { } action && message.Request.Method == RequestMethod.Get
            && Uri.UnescapeDataString(message.Request.Uri.Path).EndsWith(path, StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
        {
            await action();
        }
    }
}
