namespace QiIngest.Api.Portal;

/// <summary>The portal's settings, bound from <c>QiIngest:Portal</c>.</summary>
public sealed class PortalOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "QiIngest:Portal";

    /// <summary>Where the local host's development sign-in issues tokens.</summary>
    public const string DevelopmentTokenUrl = "/dev/token";

    /// <summary>
    /// Whether the portal signs in through the local host's development tokens (<see cref="DevelopmentTokenUrl"/>) instead
    /// of Microsoft Entra ID. Only the local host sets it; the Functions app never does.
    /// </summary>
    public bool DevelopmentSignIn { get; set; }
}
