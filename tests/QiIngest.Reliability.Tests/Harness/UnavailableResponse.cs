using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>A 503 Service Unavailable made up by the fault policy, as a busy storage front end answers.</summary>
internal sealed class UnavailableResponse(string clientRequestId) : Response
{
    public override int Status => 503;

    public override string ReasonPhrase => "Service Unavailable";

    // The transport marks the responses it receives; this one never passed through it.
    public override bool IsError => true;

    public override Stream? ContentStream { get; set; } = new MemoryStream();

    public override string ClientRequestId { get; set; } = clientRequestId;

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => false;

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = null;
        return false;
    }
}
