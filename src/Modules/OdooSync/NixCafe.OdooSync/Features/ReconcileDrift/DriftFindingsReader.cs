using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>The current tenant's findings with each register's name and flag as NixCafe has them, as the status endpoints and a check's answer show them.</summary>
internal static class DriftFindingsReader
{
    public static Task<List<DriftFindingView>> ReadAsync(OdooSyncDbContext db, CancellationToken cancellationToken) =>
        (from finding in db.DriftFindings.AsNoTracking()
         join register in db.PosConfigs.AsNoTracking() on finding.RegisterId equals (Guid?)register.Id into registers
         from register in registers.DefaultIfEmpty()
         orderby finding.Kind, finding.OdooPosConfigId
         select new DriftFindingView(finding.Kind, finding.OdooPosConfigId, finding.RegisterId,
             register == null ? null : register.Name, register == null ? null : (bool?)register.IsActive,
             finding.OdooName, finding.OdooActive, finding.FoundAt))
        .ToListAsync(cancellationToken);
}
