using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal static class DueTenants
{
    /// <summary>
    /// Tenants with a row a drain could push now. The partial index holds exactly the drainable
    /// rows, so this stays cheap at any size. One of the few reads across tenants: it returns only
    /// tenant ids, and each tenant's drain then runs in that tenant's own scope.
    /// </summary>
    public static Task<List<Guid>> ListAsync(OdooSyncDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.PosConfigs.IgnoreQueryFilters().AsNoTracking()
            .Where(row => (row.SyncState == SyncState.PendingCreate || row.SyncState == SyncState.PendingUpdate)
                          && row.Retries < RetrySchedule.DeadLetterAt
                          && (row.NextAttemptAt == null || row.NextAttemptAt <= now))
            .Select(row => row.TenantId).Distinct()
            .ToListAsync(cancellationToken);
}
