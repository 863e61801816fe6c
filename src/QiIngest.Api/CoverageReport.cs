namespace QiIngest.Api;

/// <summary>Who has reported for a period, against its deadline.</summary>
public sealed record CoverageReport(string Period, DateTimeOffset Deadline, DateTimeOffset AsOf, int Expected, int Received, int Accepted, IReadOnlyList<ReporterCoverage> Reporters);

/// <summary>
/// One expected reporter's state for a period. <c>Status</c> is <c>accepted</c>, <c>rejected</c> (files came, none
/// accepted), <c>processing</c> or <c>missing</c>; <c>DaysLate</c> counts the whole days since the deadline for a reporter
/// without an accepted version once the deadline has passed, and is null otherwise.
/// </summary>
public sealed record ReporterCoverage(string Reporter, string NameZh, string NameEn, bool Expected, bool Received, bool Accepted, int? Version, string Status, int Files, int Rejected, DateTimeOffset? FirstReceivedAt, DateTimeOffset? AcceptedAt, bool Overdue, int? DaysLate);
