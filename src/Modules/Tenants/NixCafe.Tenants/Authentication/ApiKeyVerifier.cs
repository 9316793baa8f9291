using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Authentication;

/// <summary>The one place that decides whether a presented tenant key is valid, for the API scheme and the sign-in.</summary>
internal sealed class ApiKeyVerifier(TenantsDbContext db, CafeDbSession session)
{
    /// <summary>The key's tenant, or null for anything malformed, unknown, revoked or wrong.</summary>
    public async Task<VerifiedApiKey?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKey.TryParse(presented, out var keyId, out var secret))
        {
            return null;
        }

        var key = await session.ReadWithRetriesAsync(db, token => db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId, token), cancellationToken);
        return key is not null && key.Matches(secret) ? new VerifiedApiKey(key.TenantId, key.Id) : null;
    }

    /// <summary>Whether a key a session was opened with still belongs to its tenant and is not revoked.</summary>
    public Task<bool> IsStillValidAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken) =>
        session.ReadWithRetriesAsync(db, token => db.ApiKeys.AnyAsync(k => k.Id == keyId && k.TenantId == tenantId && k.RevokedAt == null, token), cancellationToken);
}
