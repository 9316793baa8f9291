using Microsoft.EntityFrameworkCore;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// Serialises what decides a tenant's adoption (the hold, each link) on its connection row, for
/// the rest of the transaction: two links of one record to two registers cannot both see it free.
/// </summary>
internal sealed class AdoptionLock(OdooSyncDbContext db)
{
    public Task TakeAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM odoo_sync.tenant_connections WHERE tenant_id = {tenantId} FOR UPDATE", cancellationToken);
}
