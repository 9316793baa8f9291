using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Contracts;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.ReportSyncStatus;

/// <summary>Each register's sync state and drift finding, for Pro tenants only: a Starter tenant has no Odoo to be in step with.</summary>
internal sealed class RegisterSyncStatusReader(OdooSyncDbContext db, ITenantDirectory tenants) : IRegisterSyncStatusReader
{
    public async Task<IReadOnlyDictionary<Guid, RegisterSyncStatus>> ReadAsync(Guid tenantId, IReadOnlyCollection<Guid> registerIds, CancellationToken cancellationToken)
    {
        if (registerIds.Count == 0 || await tenants.GetPlanAsync(tenantId, cancellationToken) != TenantPlans.Pro)
        {
            return new Dictionary<Guid, RegisterSyncStatus>();
        }

        // A finding names the register it is about: at most one per register (one per Odoo record, each record one register's).
        return await (from row in db.PosConfigs.AsNoTracking()
                      where registerIds.Contains(row.Id)
                      join finding in db.DriftFindings.AsNoTracking() on (Guid?)row.Id equals finding.RegisterId into findings
                      from finding in findings.DefaultIfEmpty()
                      select new { row.Id, Status = new RegisterSyncStatus(row.SyncState, row.SyncErrorMessage, row.Retries, row.OdooPosConfigId, finding == null ? null : finding.Kind) })
            .ToDictionaryAsync(entry => entry.Id, entry => entry.Status, cancellationToken);
    }
}
