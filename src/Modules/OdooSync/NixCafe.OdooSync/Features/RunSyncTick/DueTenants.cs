using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal sealed class DueTenants(OdooSyncDbContext db, ITenantDirectory tenants)
{
    /// <summary>
    /// Pro tenants with a row a drain could push now. The partial index holds exactly the
    /// drainable rows, so this stays cheap at any size. A row another drain has leased is not due:
    /// that drain pushes it, or, when its host died, the lease runs out first. Leases are compared
    /// with the database's clock, as the claims that set them are. A tenant moved to Starter keeps
    /// its waiting rows (moving back to Pro pushes them) but is not drained meanwhile. One of the
    /// few reads across tenants: it returns only tenant ids, and each tenant's drain then runs in
    /// that tenant's own scope.
    /// </summary>
    public async Task<List<Guid>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.PosConfigs.IgnoreQueryFilters().AsNoTracking()
            .Where(row => (row.SyncState == SyncState.PendingCreate || row.SyncState == SyncState.PendingUpdate)
                          && row.Retries < RetrySchedule.DeadLetterAt
                          && (row.NextAttemptAt == null || row.NextAttemptAt <= now)
                          && (row.ClaimedUntil == null || row.ClaimedUntil < DateTimeOffset.UtcNow))
            .Select(row => row.TenantId).Distinct()
            .ToListAsync(cancellationToken);
        var pro = await tenants.ProTenantsAmongAsync(due, cancellationToken);
        return due.Where(pro.Contains).ToList();
    }
}
