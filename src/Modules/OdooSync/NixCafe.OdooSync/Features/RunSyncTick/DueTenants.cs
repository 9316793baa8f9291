using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal static class DueTenants
{
    /// <summary>Tenants with a row a drain could push now. The partial index holds exactly the drainable rows, so this stays cheap at any size.</summary>
    public static Task<List<Guid>> ListAsync(OdooSyncDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.PosConfigs.AsNoTracking()
            .Where(row => (row.SyncState == SyncState.PendingCreate || row.SyncState == SyncState.PendingUpdate)
                          && row.Retries < RetrySchedule.DeadLetterAt
                          && (row.NextAttemptAt == null || row.NextAttemptAt <= now))
            .Select(row => row.TenantId).Distinct()
            .ToListAsync(cancellationToken);
}
