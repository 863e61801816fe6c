namespace QiIngest.Core.Rollup;

/// <summary>The rollup of <c>qi rollup DIR --period P</c> (section 11): a folder laid out like the uploads container, no storage.</summary>
public static class FolderRollup
{
    /// <summary>Checks every file of <paramref name="period"/> and the period before under <paramref name="directory"/> and rolls up the accepted ones.</summary>
    /// <remarks>
    /// The folder is laid out as <c>{directory}/{reporter}/{period}/{file}</c>; a reporter folder may be named by code or by
    /// any name section 1 accepts. Files that the checker rejects (including paths that do not fit section 4) are left
    /// out. Where a reporter has several accepted files for a period, they are ordered by last-write time, ties by
    /// ordinal file name; the last one is the current version and its <see cref="ReporterInput.Version"/> is its
    /// 1-based place in that order, as if they had been uploaded one after the other.
    /// </remarks>
    /// <param name="directory">The folder to read.</param>
    /// <param name="period">The period to roll up; the previous period is read for growth.</param>
    /// <param name="checker">Checks each file (sections 5 to 8).</param>
    /// <param name="computedAt">When the rollup is computed.</param>
    /// <param name="cancellationToken">Cancels reading and checking.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    public static async Task<NationalRollup> ComputeAsync(string directory, Period period, ReturnChecker checker, DateTimeOffset computedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(checker);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder '{directory}' to roll up does not exist: give a folder laid out as {{reporter}}/{{period}}/{{file}}.");
        }

        var previous = await ReadPeriodAsync(directory, period.Previous, checker, null, cancellationToken);
        var previousTotals = previous.ToDictionary(i => i.Reporter, i => i.Totals, StringComparer.Ordinal);
        var current = await ReadPeriodAsync(directory, period, checker, previousTotals, cancellationToken);
        return NationalRollupCalculator.Compute(new RollupInput(period, current, previous), checker.Catalog, checker.Reporters, computedAt);
    }

    private static async Task<List<ReporterInput>> ReadPeriodAsync(string directory, Period period, ReturnChecker checker, Dictionary<string, IReadOnlyDictionary<string, decimal?>>? previousTotals, CancellationToken cancellationToken)
    {
        var accepted = new Dictionary<string, List<AcceptedFile>>(StringComparer.Ordinal);
        foreach (var reporterFolder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var periodFolder = Path.Combine(reporterFolder, period.ToString());
            if (!Directory.Exists(periodFolder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(periodFolder).Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = UploadPath.Parse(Path.GetFileName(reporterFolder), period.ToString(), Path.GetFileName(file), checker.Reporters).Path;
                if (path is null)
                {
                    continue;
                }

                var checkedFile = await CheckAsync(file, path, checker, previousTotals?.GetValueOrDefault(path.Reporter), cancellationToken);
                if (checkedFile is not null)
                {
                    if (!accepted.TryGetValue(path.Reporter, out var files))
                    {
                        accepted[path.Reporter] = files = [];
                    }

                    files.Add(checkedFile);
                }
            }
        }

        var inputs = new List<ReporterInput>(accepted.Count);
        foreach (var (reporter, files) in accepted.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var ordered = files.OrderBy(f => f.LastWriteUtc).ThenBy(f => f.FileName, StringComparer.Ordinal).ToList();
            var latest = ordered[^1];
            inputs.Add(new ReporterInput(reporter, ordered.Count, latest.FileName, latest.Sha256, latest.Totals));
        }

        return inputs;
    }

    private static async Task<AcceptedFile?> CheckAsync(string file, UploadPath path, ReturnChecker checker, IReadOnlyDictionary<string, decimal?>? previousTotals, CancellationToken cancellationToken)
    {
        await using var returnFile = await ReturnFile.OpenAsync(file, checker.Limits, cancellationToken);
        if (returnFile.SizeIssue is not null)
        {
            return null;
        }

        var result = await checker.CheckAsync(returnFile.Content, path, previousTotals, null, cancellationToken);
        return result.IsAccepted
            ? new AcceptedFile(path.FileName, File.GetLastWriteTimeUtc(file), returnFile.Sha256!, result.Totals)
            : null;
    }

    private sealed record AcceptedFile(string FileName, DateTime LastWriteUtc, string Sha256, IReadOnlyDictionary<string, decimal?> Totals);
}
