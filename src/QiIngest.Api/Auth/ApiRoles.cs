namespace QiIngest.Api.Auth;

/// <summary>
/// The app roles of the Entra app registration, as they arrive in the token's <c>roles</c> claim: <c>National</c>,
/// and one <c>Reporter.{code}</c> per reporter (<c>Reporter.110000</c> … and <c>Reporter.100000</c> for the national
/// administration's own return).
/// </summary>
public static class ApiRoles
{
    /// <summary>The claim that carries the app roles.</summary>
    public const string Claim = "roles";

    /// <summary>Reads every reporter's returns and the national views.</summary>
    public const string National = "National";

    /// <summary>The prefix of a reporter's role.</summary>
    public const string ReporterPrefix = "Reporter.";

    /// <summary>The role of one reporter.</summary>
    public static string Reporter(string code) => ReporterPrefix + code;
}
