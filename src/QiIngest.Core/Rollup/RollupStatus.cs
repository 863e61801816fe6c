namespace QiIngest.Core.Rollup;

/// <summary>The status of a national rollup (section 10), with its wire names.</summary>
public static class RollupStatus
{
    /// <summary>All 31 provinces and the national administration 100000 have accepted versions.</summary>
    public const string Final = "final";

    /// <summary>At least one expected reporter has no accepted version yet.</summary>
    public const string Provisional = "provisional";
}
