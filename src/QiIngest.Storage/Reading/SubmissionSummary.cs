namespace QiIngest.Storage.Reading;

/// <summary>What one reporter has sent for a period: how many distinct files, how many were rejected, and the current version.</summary>
/// <param name="Reporter">The reporter code.</param>
/// <param name="Files">Distinct files (by their bytes) the pipeline has processed, plus uploads still being processed.</param>
/// <param name="Rejected">How many of them were rejected.</param>
/// <param name="Current">The current version, or null.</param>
/// <param name="FirstReceivedAt">When the first of them was processed or uploaded.</param>
public sealed record SubmissionSummary(string Reporter, int Files, int Rejected, VersionRecord? Current, DateTimeOffset? FirstReceivedAt);
