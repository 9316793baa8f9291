using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Contracts;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.ReportSyncStatus;

/// <summary>Each register's sync state, for Pro tenants only: a Starter tenant has no Odoo to be in step with.</summary>
internal sealed class RegisterSyncStatusReader(OdooSyncDbContext db, ITenantDirectory tenants) : IRegisterSyncStatusReader
{
    public async Task<IReadOnlyDictionary<Guid, RegisterSyncStatus>> ReadAsync(Guid tenantId, IReadOnlyCollection<Guid> registerIds, CancellationToken cancellationToken)
    {
        if (registerIds.Count == 0 || await tenants.GetPlanAsync(tenantId, cancellationToken) != TenantPlans.Pro)
        {
            return new Dictionary<Guid, RegisterSyncStatus>();
        }

        return await db.PosConfigs.AsNoTracking()
            .Where(row => registerIds.Contains(row.Id))
            .ToDictionaryAsync(
                row => row.Id,
                row => new RegisterSyncStatus(row.SyncState, row.SyncErrorMessage, row.Retries, row.OdooPosConfigId),
                cancellationToken);
    }
}
