using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Authentication;

/// <summary>
/// The one place that decides whether a presented key is an operator's, for the API scheme and
/// the console's sign-in: a named operator's key (<c>nco_…</c>), or the configured
/// <c>NixCafe:OperatorKey</c>, which acts as the operator named <c>operator</c>.
/// </summary>
internal sealed class OperatorVerifier(TenantsDbContext db, CafeDbSession session, IOptions<OperatorOptions> options)
{
    public const string NameClaim = "nixcafe:operator";
    public const string KeyClaim = "nixcafe:operator_key";

    /// <summary>The configured key's session holds a digest of it, so changing the setting ends those sessions.</summary>
    private const string ConfiguredKeyClaim = "nixcafe:operator_configured";

    public async Task<VerifiedOperator?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (IsConfiguredKey(presented))
        {
            return new VerifiedOperator(null, OperatorKey.ConfiguredName);
        }

        if (!KeySecret.TryParse(OperatorKey.Scheme, presented, out var keyId, out var secret))
        {
            return null;
        }

        var key = await session.ReadWithRetriesAsync(db, token => db.OperatorKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId, token), cancellationToken);
        return key is not null && key.Matches(secret) ? new VerifiedOperator(key.Id, key.Name) : null;
    }

    public ClaimsPrincipal Principal(VerifiedOperator verified, string authenticationType)
    {
        List<Claim> claims = [new(NameClaim, verified.Name)];
        claims.Add(verified.KeyId is { } keyId ? new Claim(KeyClaim, keyId.ToString()) : new Claim(ConfiguredKeyClaim, ConfiguredDigest()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>Whether the key a console session was opened with still works (not revoked, or still the configured one).</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal?.FindFirst(ConfiguredKeyClaim)?.Value is { } digest)
        {
            return options.Value.OperatorKey is { Length: >= 16 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(digest), Encoding.ASCII.GetBytes(ConfiguredDigest()));
        }

        return Guid.TryParse(principal?.FindFirst(KeyClaim)?.Value, out var keyId)
               && await session.ReadWithRetriesAsync(db, token => db.OperatorKeys.AnyAsync(k => k.Id == keyId && k.RevokedAt == null, token), cancellationToken);
    }

    private bool IsConfiguredKey(string presented) =>
        options.Value.OperatorKey is { Length: >= 16 } expected
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>A keyed digest (the ticket is encrypted anyway): tells one configured key from the next, reveals nothing of it.</summary>
    private string ConfiguredDigest() =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes("nixcafe operator session"), Encoding.UTF8.GetBytes(options.Value.OperatorKey ?? "")));
}
