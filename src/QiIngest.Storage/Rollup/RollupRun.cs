namespace QiIngest.Storage.Rollup;

/// <summary>What one rollup run did.</summary>
/// <param name="Published">The periods whose outputs were (re)written.</param>
/// <param name="Unchanged">The periods whose inputs had not changed, so nothing was written.</param>
public sealed record RollupRun(IReadOnlyList<string> Published, IReadOnlyList<string> Unchanged);
