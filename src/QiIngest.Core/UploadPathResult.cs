using QiIngest.Core.Validation;

namespace QiIngest.Core;

/// <summary>A parsed upload path, or the path errors that stop it.</summary>
/// <param name="Path">The path, when it fits section 4.</param>
/// <param name="Errors">The <c>path-error</c> issues, when it does not.</param>
public sealed record UploadPathResult(UploadPath? Path, IReadOnlyList<Issue> Errors);
