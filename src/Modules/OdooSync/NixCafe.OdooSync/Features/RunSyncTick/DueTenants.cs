using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal static class DueTenants
{
    /// <summary>
    /// Tenants with a row a drain could push now. The partial index holds exactly the drainable
    /// rows, so this stays cheap at any size. A row another drain has leased is not due: that
    /// drain pushes it, or, when its host died, the lease runs out first. Leases are compared with
    /// the database's clock, as the claims that set them are. One of the few reads across tenants:
    /// it returns only tenant ids, and each tenant's drain then runs in that tenant's own scope.
    /// </summary>
    public static Task<List<Guid>> ListAsync(OdooSyncDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.PosConfigs.IgnoreQueryFilters().AsNoTracking()
            .Where(row => (row.SyncState == SyncState.PendingCreate || row.SyncState == SyncState.PendingUpdate)
                          && row.Retries < RetrySchedule.DeadLetterAt
                          && (row.NextAttemptAt == null || row.NextAttemptAt <= now)
                          && (row.ClaimedUntil == null || row.ClaimedUntil < DateTimeOffset.UtcNow))
            .Select(row => row.TenantId).Distinct()
            .ToListAsync(cancellationToken);
}
