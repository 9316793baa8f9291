using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Features.AwaitAdoption;

internal sealed class LinkRegisterToOdooRecordCommandHandler(
    OdooSyncDbContext db, QueueTransitions queue, AdoptionLock adoptionLock, IAuditTrail audit, CafeDbSession session, TenantDrainTriggers drains)
    : IRequestHandler<LinkRegisterToOdooRecordCommand, Done>
{
    public async Task<Done> Handle(LinkRegisterToOdooRecordCommand request, CancellationToken cancellationToken)
    {
        var odooId = request.OdooPosConfigId!.Value;
        await adoptionLock.TakeAsync(request.TenantId, cancellationToken);
        var owner = await db.PosConfigs.AsNoTracking().Where(row => row.OdooPosConfigId == odooId).Select(row => row.Name).FirstOrDefaultAsync(cancellationToken);
        CheckRule(new OdooRecordLinksOneRegisterAtMostRule(odooId, owner));
        var finding = await db.DriftFindings.SingleOrDefaultAsync(finding => finding.OdooPosConfigId == odooId && finding.Kind == DriftKind.Unknown, cancellationToken);
        var ignored = await db.IgnoredOdooRecords.AnyAsync(record => record.OdooPosConfigId == odooId, cancellationToken);
        CheckRule(new OnlyARecordFoundUnownedCanBeLinkedRule(odooId, finding is not null && !ignored));

        if (await queue.LinkToOdooRecordAsync(request.RegisterId, odooId, cancellationToken) == 0)
        {
            throw new NotFoundException("Register awaiting adoption", request.RegisterId);
        }

        // It is the register's record now: no longer unknown.
        db.DriftFindings.Remove(finding!);
        await audit.RecordAsync("odoo_sync.register_linked", request.RegisterId, null,
            new { OdooPosConfigId = odooId, finding!.OdooName, finding.OdooActive, State = SyncState.PendingUpdate }, cancellationToken);
        drains.RequestAfterCommit(session, request.TenantId);
        return Done.Value;
    }

    private static void CheckRule(IBusinessRule rule)
    {
        if (rule.IsBroken())
        {
            throw new BusinessRuleValidationException(rule);
        }
    }
}
