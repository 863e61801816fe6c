namespace QiIngest.Storage.Reading;

/// <summary>Everything about the returns of one (reporter, period): the current version, every version, every rejected file and what is still being processed.</summary>
public sealed record ReturnHistory
{
    public required string Reporter { get; init; }

    public required string Period { get; init; }

    /// <summary>The current version; null when nothing was accepted yet.</summary>
    public required VersionRecord? Current { get; init; }

    /// <summary>Every accepted version, oldest first.</summary>
    public required IReadOnlyList<VersionRecord> Versions { get; init; }

    /// <summary>Every rejected file, oldest first.</summary>
    public required IReadOnlyList<RejectedUpload> Rejected { get; init; }

    /// <summary>Uploads still being processed, by name.</summary>
    public required IReadOnlyList<PendingUpload> Processing { get; init; }
}
