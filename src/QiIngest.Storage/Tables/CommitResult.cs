using QiIngest.Core.Receipts;

namespace QiIngest.Storage.Tables;

/// <summary>What a commit did.</summary>
/// <param name="Version">The version the file is.</param>
/// <param name="Supersedes">The version it replaced, or null.</param>
/// <param name="Changes">The indicators that differ from the replaced version.</param>
/// <param name="AlreadyCommitted">True when another delivery of the same bytes had committed it.</param>
/// <param name="SupersededBy">The version uploaded later that stays current; null when this one became current.</param>
public sealed record CommitResult(int Version, int? Supersedes, IReadOnlyList<Change> Changes, bool AlreadyCommitted, int? SupersededBy = null);
