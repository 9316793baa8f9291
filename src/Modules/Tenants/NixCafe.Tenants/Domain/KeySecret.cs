using System.Security.Cryptography;
using System.Text;

namespace NixCafe.Tenants.Domain;

/// <summary>
/// What tenant and operator keys share: a random secret shown once, stored only as a salted HMAC,
/// and a key id in front (<c>&lt;scheme&gt;&lt;id&gt;.&lt;secret&gt;</c>) so the server finds the
/// one row to compare against without scanning.
/// </summary>
internal static class KeySecret
{
    public static (byte[] Salt, byte[] Hash, string Secret) New()
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var salt = RandomNumberGenerator.GetBytes(16);
        return (salt, Hash(salt, secret), secret);
    }

    public static bool Matches(byte[] salt, byte[] hash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), hash);

    /// <summary>Splits a presented key into its id and secret; false for anything not shaped like a key of <paramref name="scheme"/>.</summary>
    public static bool TryParse(string scheme, string presented, out Guid keyId, out string secret)
    {
        keyId = Guid.Empty;
        secret = "";
        if (!presented.StartsWith(scheme, StringComparison.Ordinal) || presented.Length > 128)
        {
            return false;
        }

        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !Guid.TryParseExact(presented[scheme.Length..dot], "N", out keyId))
        {
            return false;
        }

        secret = presented[(dot + 1)..];
        return secret.Length > 0;
    }

    private static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));
}
