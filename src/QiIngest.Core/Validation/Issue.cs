using System.Text.Json.Serialization;

namespace QiIngest.Core.Validation;

/// <summary>An error or warning about a return: what is wrong (<see cref="Type"/>, <see cref="Message"/>) and where.</summary>
/// <param name="Type">One of <see cref="IssueType"/>.</param>
/// <param name="Message">A sentence that says what is wrong, where, and what to do (English).</param>
/// <param name="Row">1-based line (CSV), sheet row (XLSX) or observation index (JSON); null when it concerns the whole file.</param>
/// <param name="Column">The header text of the column, where one applies.</param>
public sealed record Issue(string Type, string Message, int? Row = null, string? Column = null)
{
    /// <summary>The same sentence in Chinese, for the reporters who read it first; null where none is written.</summary>
    public string? MessageZh { get; init; }

    /// <summary>Whether this issue is a warning rather than an error.</summary>
    [JsonIgnore]
    public bool IsWarning => IssueType.IsWarning(Type);
}
