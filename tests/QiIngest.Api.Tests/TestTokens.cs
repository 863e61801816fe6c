using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace QiIngest.Api.Tests;

/// <summary>Access tokens shaped like Entra ID's v2 tokens, signed with a key made for the test run (and a second key, for forgeries).</summary>
public sealed class TestTokens
{
    public const string TenantId = "6f1c8a52-0d6b-4d1e-9a37-3c2b7f5e9d10";
    public const string ClientId = "0b9e4d27-5c1a-4f3e-8d62-7a1b2c3d4e5f";
    public const string Issuer = "https://login.microsoftonline.com/" + TenantId + "/v2.0";

    private readonly TimeProvider _clock;

    public TestTokens(TimeProvider clock)
    {
        _clock = clock;
        SigningKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" };
        ForgeryKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" };
    }

    /// <summary>The key the API trusts (it stands for the tenant's published signing keys).</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>A key the API does not trust, with the same key id.</summary>
    public RsaSecurityKey ForgeryKey { get; }

    public string Reporter(string code) => Mint([$"Reporter.{code}"]);

    public string National() => Mint(["National"]);

    public string Mint(IEnumerable<string> roles, string audience = ClientId, TimeSpan? expiresIn = null, bool forged = false, string issuer = Issuer)
    {
        var now = _clock.GetUtcNow();
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (expires < now ? expires - TimeSpan.FromHours(1) : now).UtcDateTime,
            NotBefore = (expires < now ? expires - TimeSpan.FromHours(1) : now).UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(forged ? ForgeryKey : SigningKey, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["roles"] = roles.ToArray(),
                ["preferred_username"] = "someone@example.org",
                ["tid"] = TenantId,
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
