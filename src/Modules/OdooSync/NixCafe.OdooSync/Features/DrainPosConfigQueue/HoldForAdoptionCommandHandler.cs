using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Auditing;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

internal sealed class HoldForAdoptionCommandHandler(OdooSyncDbContext db, QueueTransitions queue, AdoptionLock adoptionLock, IAuditTrail audit)
    : IRequestHandler<HoldForAdoptionCommand, int>
{
    public async Task<int> Handle(HoldForAdoptionCommand request, CancellationToken cancellationToken)
    {
        await adoptionLock.TakeAsync(request.TenantId, cancellationToken);
        var connection = await db.Connections.SingleAsync(cancellationToken);
        if (connection.AdoptionCheckedAt is not null)
        {
            // Another drain of the tenant decided first.
            return 0;
        }

        connection.AdoptionCheckedAt = request.CheckedAt;
        var ids = request.Unowned.Select(record => record.Id).ToArray();
        var ownedNow = await db.PosConfigs.AsNoTracking().Where(row => row.OdooPosConfigId != null && ids.Contains(row.OdooPosConfigId.Value))
            .Select(row => row.OdooPosConfigId!.Value).ToListAsync(cancellationToken);
        var ignored = await db.IgnoredOdooRecords.AsNoTracking().Select(record => record.OdooPosConfigId).ToListAsync(cancellationToken);
        var unknown = request.Unowned.Where(record => !ownedNow.Contains(record.Id) && !ignored.Contains(record.Id)).ToList();
        var candidates = unknown.Where(record => record.Id != request.TemplateId).ToList();
        if (candidates.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }

        // The operator links registers to these: they are the tenant's unknown findings until the next drift check.
        var findings = await db.DriftFindings.ToDictionaryAsync(finding => finding.OdooPosConfigId, cancellationToken);
        foreach (var record in unknown.Where(record => !findings.ContainsKey(record.Id)))
        {
            db.DriftFindings.Add(new DriftFinding
            {
                TenantId = request.TenantId, OdooPosConfigId = record.Id, Kind = DriftKind.Unknown,
                OdooName = record.Name, OdooActive = record.Active, FoundAt = request.CheckedAt,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var held = await queue.HoldForAdoptionAsync(cancellationToken);
        await audit.RecordAsync("odoo_sync.held_for_adoption", request.TenantId, null,
            new { RegistersHeld = held, OdooRecords = candidates.Select(record => new { record.Id, record.Name, record.Active }) }, cancellationToken);
        return held;
    }
}
