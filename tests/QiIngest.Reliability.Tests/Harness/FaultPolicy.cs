using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>
/// An SDK pipeline policy, placed per retry, that injects the faults its <see cref="FaultInjector"/> decides: a 503
/// before the request reaches storage, a lost answer after storage applied it, or a crash before or after.
/// </summary>
internal sealed partial class FaultPolicy(FaultInjector injector, IReadOnlyDictionary<string, StorageRole> roles) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The pipeline is async all the way; a synchronous storage call is a bug.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var (transactionTable, innerMethod) = await TransactionAsync(message);
        if (injector.Hold is { } hold)
        {
            await hold(Describe(0, message, transactionTable, innerMethod));
        }

        var (index, fault) = injector.Decide(i => Describe(i, message, transactionTable, innerMethod));
        var where = $"request {index} ({message.Request.Method} {message.Request.Uri.Path})";
        switch (fault)
        {
            case FaultKind.Unavailable:
                message.Response = new UnavailableResponse(message.Request.ClientRequestId);
                return;
            case FaultKind.CrashBefore:
                throw new SimulatedCrashException($"The host died before {where}.");
            default:
                break;
        }

        await ProcessNextAsync(message, pipeline);
        switch (fault)
        {
            case FaultKind.LostAnswer:
                message.Response.Dispose();
                throw new IOException($"Simulated connection reset: the answer to {where} was lost after it was applied.");
            case FaultKind.LostAnswerTimeout:
                message.Response.Dispose();
                throw new TaskCanceledException($"Simulated network timeout: the answer to {where} was lost after it was applied.");
            case FaultKind.CrashAfter:
                message.Response.Dispose();
                throw new SimulatedCrashException($"The host died after {where} was applied, before its answer.");
            default:
                break;
        }
    }

    private StorageRequest Describe(int index, HttpMessage message, string? transactionTable, string? innerMethod)
    {
        var path = Uri.UnescapeDataString(message.Request.Uri.Path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // Path-style addresses (Azurite): /{account}/{container or table(keys)}/…
        var resource = transactionTable ?? (segments.Length > 1 ? segments[1].Split('(')[0] : string.Empty);
        return new StorageRequest(index, message.Request.Method.ToString(), roles.GetValueOrDefault(resource, StorageRole.Other), transactionTable is not null, path, innerMethod ?? message.Request.Method.ToString());
    }

    /// <summary>The table a <c>$batch</c> writes to and its first action's method, from the first request line of its body; nulls for any other request.</summary>
    private static async ValueTask<(string? Table, string? Method)> TransactionAsync(HttpMessage message)
    {
        if (!message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) || message.Request.Content is null)
        {
            return (null, null);
        }

        using var body = new MemoryStream();
        await message.Request.Content.WriteToAsync(body, message.CancellationToken);
        var match = BatchRequestLine().Match(Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
        return match.Success ? (match.Groups["table"].Value, match.Groups["method"].Value) : (string.Empty, string.Empty);
    }

    [GeneratedRegex(@"^(?<method>POST|PUT|PATCH|MERGE|DELETE|GET) \S+?/devstoreaccount1/(?<table>[A-Za-z0-9]+)", RegexOptions.Multiline)]
    private static partial Regex BatchRequestLine();
}
