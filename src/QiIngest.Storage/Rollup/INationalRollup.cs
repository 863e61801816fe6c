namespace QiIngest.Storage.Rollup;

/// <summary>The seam the rollup timer calls: roll up every period whose accepted inputs changed.</summary>
public interface INationalRollup
{
    /// <summary>Rolls up the periods whose inputs changed since their last rollup, and nothing else.</summary>
    Task<RollupRun> RunAsync(CancellationToken cancellationToken = default);
}
