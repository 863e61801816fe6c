namespace QiIngest.Cli;

/// <summary>An expected failure: its message is one line that says what to do, printed without a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>The process exit code; see <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
