namespace QiIngest.Core;

/// <summary>The outcomes of section 9, with their wire names.</summary>
public static class Outcome
{
    /// <summary>Accepted with no warning.</summary>
    public const string Accepted = "accepted";

    /// <summary>Accepted; the receipt lists warnings.</summary>
    public const string AcceptedWithWarnings = "accepted-with-warnings";

    /// <summary>Rejected as a whole; nothing of it reaches the data the rollup reads.</summary>
    public const string Rejected = "rejected";
}
