namespace QiIngest.Storage.Ingestion;

/// <summary>
/// Where one upload stands, until and after its final receipt: <see cref="Received"/> (in the container, not yet
/// picked up), <see cref="Processing"/> ("received, being processed"), <see cref="Retrying"/> ("failed, will retry") or
/// <see cref="Final"/> (its receipt is written). <see cref="Describe"/> is the line to show a reporter.
/// </summary>
/// <param name="BlobName">The blob within the uploads container.</param>
/// <param name="State">One of the state constants.</param>
/// <param name="Attempt">How many ingestion attempts have started (0 while received).</param>
/// <param name="UpdatedAt">When the state was written.</param>
/// <param name="NextAttemptAt">When the next attempt is due (retrying only).</param>
/// <param name="LastError">The last attempt's error (retrying, or processing after a failure).</param>
/// <param name="Outcome">The receipt's outcome (final only).</param>
/// <param name="BlobETag">The ETag of the bytes the final receipt describes.</param>
public sealed record UploadStatus(string BlobName, string State, int Attempt, DateTimeOffset UpdatedAt, DateTimeOffset? NextAttemptAt, string? LastError, string? Outcome, string? BlobETag)
{
    /// <summary>The blob is in the uploads container; no attempt has started yet.</summary>
    public const string Received = "received";

    /// <summary>An attempt is running (or died; the sweep takes it over after the grace time).</summary>
    public const string Processing = "processing";

    /// <summary>The last attempt failed; another is due at <see cref="NextAttemptAt"/>.</summary>
    public const string Retrying = "retrying";

    /// <summary>The final receipt is written.</summary>
    public const string Final = "final";

    /// <summary>Whether the final receipt is written.</summary>
    public bool IsFinal => State == Final;

    /// <summary>The status as a reporter reads it.</summary>
    public string Describe() => State switch
    {
        Received => "received, waiting to be processed",
        Processing => LastError is null
            ? $"received, being processed (attempt {Attempt})"
            : $"received, being processed (attempt {Attempt}, last error {LastError})",
        Retrying => $"failed, will retry (attempt {Attempt}, next at {NextAttemptAt:yyyy-MM-dd HH:mm:ss} UTC, last error {LastError})",
        _ => $"final: {Outcome}",
    };
}
