namespace QiIngest.Core.Rollup;

/// <summary>The accepted version of one reporter that a rollup uses, with its per-version summary (the totals).</summary>
/// <param name="Reporter">The reporter code.</param>
/// <param name="Version">The version number in the ledger (offline: 1).</param>
/// <param name="File">The file the version came from.</param>
/// <param name="Sha256">The file's hash, so every figure can be traced to its bytes.</param>
/// <param name="Totals">Indicator → value in the canonical unit; null when missing.</param>
public sealed record ReporterInput(string Reporter, int Version, string File, string? Sha256, IReadOnlyDictionary<string, decimal?> Totals);
