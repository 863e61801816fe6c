namespace QiIngest.Cli;

/// <summary>The exit codes of <c>qi</c>, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Done; a return was accepted (with or without warnings).</summary>
    public const int Ok = 0;

    /// <summary>A return was rejected, or what was asked for does not exist (yet).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: a missing or unknown option, a file that does not exist, a bad reporter or period.</summary>
    public const int Usage = 2;

    /// <summary>Storage cannot be reached, or no receipt came in time.</summary>
    public const int Unavailable = 3;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>The exit codes in one paragraph, for <c>qi --help</c>; the CLI README says the same.</summary>
    public const string Summary =
        "Exit codes: 0 done (accepted, with or without warnings); 1 rejected, or not found (no receipt, no report); "
        + "2 wrong command line (a missing or unknown option, a file that does not exist or is a folder, an unknown reporter or a bad period; "
        + "qi check alone turns a bad reporter, period or file ending into a path-error receipt and exits 1, as the pipeline would); "
        + "3 storage unreachable or no receipt in time; 130 interrupted (Ctrl+C).";
}
