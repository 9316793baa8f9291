using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.OdooSync.Persistence;

/// <summary>Reads tenants' Odoo connections and decrypts their keys only for the call that needs them.</summary>
internal sealed class TenantConnections(OdooSyncDbContext db, OdooKeyProtector protector, TimeProvider clock)
{
    public Task<TenantOdooConnection?> FindAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.Connections.AsNoTracking().SingleOrDefaultAsync(connection => connection.TenantId == tenantId, cancellationToken);

    public OdooConnectionSettings Settings(TenantOdooConnection connection) =>
        new(new Uri(connection.BaseUrl), connection.Database, connection.Login, protector.Unprotect(connection.ApiKeyProtected));

    public Task MarkUnhealthyAsync(Guid tenantId, string reason, CancellationToken cancellationToken) =>
        SetHealthAsync(tenantId, healthy: false, reason, cancellationToken);

    public Task SetHealthAsync(Guid tenantId, bool healthy, string? lastError, CancellationToken cancellationToken) =>
        db.Connections.Where(connection => connection.TenantId == tenantId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(connection => connection.Healthy, healthy)
                .SetProperty(connection => connection.LastError, lastError)
                .SetProperty(connection => connection.UpdatedAt, clock.GetUtcNow()), cancellationToken);
}
