using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// The current tenant's drift-check lease and the record of a check that could not finish. A
/// lease is one conditional statement on the database's clock (as the push claims' are), so two
/// checks of one tenant never run at once, on one host or many; a host that dies mid-check leaves
/// a lease that simply runs out.
/// </summary>
internal sealed class DriftChecks(OdooSyncDbContext db, ICurrentTenant tenant)
{
    /// <summary>
    /// Longer than any check takes (a few Odoo calls per tenant, each bounded by the call timeout),
    /// and shorter than the schedule's period, so a crashed host's lease is gone by the next check.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>Takes the tenant's lease; false while another check holds it.</summary>
    public async Task<bool> TryLeaseAsync(CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE odoo_sync.tenant_connections SET drift_check_leased_until = clock_timestamp() + {Lease}
             WHERE tenant_id = {tenant.Id} AND (drift_check_leased_until IS NULL OR drift_check_leased_until < clock_timestamp())
            """, cancellationToken) == 1;

    /// <summary>A check that could not finish: when and why, its findings and registers left as they were; the lease ends.</summary>
    public Task RecordFailureAsync(DateTimeOffset checkedAt, string reason, CancellationToken cancellationToken) =>
        db.Connections.ExecuteUpdateAsync(set => set
            .SetProperty(connection => connection.LastDriftCheckAt, checkedAt)
            .SetProperty(connection => connection.LastDriftCheckError, reason)
            .SetProperty(connection => connection.DriftCheckLeasedUntil, (DateTimeOffset?)null), cancellationToken);

    /// <summary>Ends the lease of a check that stopped without recording anything (a shutdown).</summary>
    public Task ReleaseAsync() =>
        db.Connections.ExecuteUpdateAsync(set => set.SetProperty(connection => connection.DriftCheckLeasedUntil, (DateTimeOffset?)null), CancellationToken.None);
}
