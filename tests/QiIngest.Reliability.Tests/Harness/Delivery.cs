using QiIngest.Core.Receipts;

namespace QiIngest.Reliability.Tests.Harness;

/// <summary>How one delivery of a blob event to a host ended, after the host's back-to-back retries.</summary>
/// <param name="BlobName">The upload.</param>
/// <param name="Attempts">How many times the host ran the ingestion.</param>
/// <param name="Receipt">The receipt the last attempt returned; null when every attempt failed or the blob had vanished.</param>
/// <param name="LastError">The failure of the last attempt, when every attempt failed.</param>
internal sealed record Delivery(string BlobName, int Attempts, Receipt? Receipt, Exception? LastError)
{
    /// <summary>Every attempt failed: the host moved the message to the poison queue.</summary>
    public bool Poisoned => LastError is not null and not SimulatedCrashException;

    /// <summary>The host died in the last attempt: the message stays in the queue for the next host.</summary>
    public bool Crashed => LastError is SimulatedCrashException;
}
