using QiIngest.Core.Validation;

namespace QiIngest.Core.Reading;

/// <summary>
/// Stops reading a return at the first problem that makes the rest unreadable (encoding, format, limits).
/// It never leaves the core: <see cref="ReturnChecker"/> turns it into an <see cref="Issue"/>.
/// </summary>
internal sealed class ReturnReadException(Issue issue) : Exception(issue.Message)
{
    public Issue Issue { get; } = issue;

    public static ReturnReadException Limit(string message, int? row = null, string? zh = null) => new(new Issue(IssueType.LimitExceeded, message, row) { MessageZh = zh });

    public static ReturnReadException Format(string message, int? row = null, string? column = null, string? zh = null) => new(new Issue(IssueType.FormatError, message, row, column) { MessageZh = zh });

    public static ReturnReadException Encoding(string message, int? row = null, string? zh = null) => new(new Issue(IssueType.EncodingError, message, row) { MessageZh = zh });
}
