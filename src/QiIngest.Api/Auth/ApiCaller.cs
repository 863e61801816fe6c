namespace QiIngest.Api.Auth;

/// <summary>Who is calling: anonymous, or a signed-in user with the national role and/or one reporter.</summary>
/// <param name="IsSignedIn">Whether a valid bearer token came with the request.</param>
/// <param name="IsNational">Whether the token has the National role.</param>
/// <param name="Reporter">The one reporter the token's role ties it to; null when none, or when it has several.</param>
/// <param name="ReporterRoles">How many reporter roles the token has (a reporter is tied to exactly one).</param>
/// <param name="Name">The user's name or id, for messages and logs.</param>
public sealed record ApiCaller(bool IsSignedIn, bool IsNational, string? Reporter, int ReporterRoles, string Name)
{
    /// <summary>Nobody signed in.</summary>
    public static ApiCaller Anonymous { get; } = new(false, false, null, 0, "anonymous");

    /// <summary>Whether the caller may read the returns of <paramref name="reporter"/>.</summary>
    public bool CanRead(string reporter) => IsNational || Reporter == reporter;

    /// <summary>Whether the caller may upload for <paramref name="reporter"/>: only that reporter's own staff.</summary>
    public bool CanUpload(string reporter) => Reporter == reporter;
}
