using System.Security.Cryptography;
using System.Text;

namespace NixCafe.Tenants.Domain;

/// <summary>
/// A tenant's API key. Only a salted HMAC of the secret is stored; the full key
/// (<c>ncf_&lt;key id&gt;.&lt;secret&gt;</c>) is shown once, when issued. The key id in front lets
/// the server find the one row to compare against without scanning.
/// </summary>
internal sealed class ApiKey
{
    private const string Scheme = "ncf_";

    private ApiKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public byte[] Salt { get; private set; } = [];

    public byte[] SecretHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static (ApiKey Key, string PlainText) Issue(Guid tenantId, TimeProvider clock)
    {
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Salt = salt,
            SecretHash = Hash(salt, secret),
            CreatedAt = clock.GetUtcNow(),
        };
        return (key, $"{Scheme}{key.Id:N}.{secret}");
    }

    public void Revoke(TimeProvider clock) => RevokedAt ??= clock.GetUtcNow();

    public bool Matches(string secret) =>
        RevokedAt is null && CryptographicOperations.FixedTimeEquals(Hash(Salt, secret), SecretHash);

    /// <summary>Splits a presented key into its id and secret; false for anything not shaped like a key.</summary>
    public static bool TryParse(string presented, out Guid keyId, out string secret)
    {
        keyId = Guid.Empty;
        secret = "";
        if (!presented.StartsWith(Scheme, StringComparison.Ordinal) || presented.Length > 128)
        {
            return false;
        }

        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !Guid.TryParseExact(presented[Scheme.Length..dot], "N", out keyId))
        {
            return false;
        }

        secret = presented[(dot + 1)..];
        return secret.Length > 0;
    }

    private static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
