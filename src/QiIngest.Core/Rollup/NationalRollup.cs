namespace QiIngest.Core.Rollup;

/// <summary>The national rollup of one period (section 10): every figure, with the coverage and the versions it was computed from.</summary>
public sealed record NationalRollup
{
    /// <summary>The period rolled up.</summary>
    public required Period Period { get; init; }

    /// <summary><see cref="RollupStatus.Final"/> or <see cref="RollupStatus.Provisional"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Which expected reporters are covered.</summary>
    public required RollupCoverage Coverage { get; init; }

    /// <summary>The accepted version used for each reporter of the period, in code order, with its file, hash and totals.</summary>
    public required IReadOnlyList<ReporterInput> Inputs { get; init; }

    /// <summary>Every catalog indicator in catalog order, then the derived <c>IT_PRIVATE_SHARE</c>.</summary>
    public required IReadOnlyList<NationalFigure> Figures { get; init; }

    /// <summary>When the rollup was computed.</summary>
    public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>The <see cref="RollupInput.Fingerprint"/> of the inputs: an unchanged fingerprint means unchanged figures.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Whether every expected reporter is covered.</summary>
    public bool IsFinal => Status == RollupStatus.Final;

    /// <summary>Reporter → the version used (section 10's <c>inputs</c>).</summary>
    public IReadOnlyDictionary<string, int> Versions => Inputs.ToDictionary(i => i.Reporter, i => i.Version, StringComparer.Ordinal);

    /// <summary>The figure with this code, if the rollup has one.</summary>
    public NationalFigure? Find(string code) => Figures.FirstOrDefault(f => f.Code == code);
}
