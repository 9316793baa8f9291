using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

internal sealed class IgnoreOdooRecordCommandHandler(OdooSyncDbContext db, ICurrentTenant tenant, IAuditTrail audit, TimeProvider clock)
    : IRequestHandler<IgnoreOdooRecordCommand, Done>
{
    public async Task<Done> Handle(IgnoreOdooRecordCommand request, CancellationToken cancellationToken)
    {
        if (!await db.Connections.AnyAsync(cancellationToken))
        {
            throw new NotFoundException("Odoo connection of tenant", request.TenantId);
        }

        var owned = await db.PosConfigs.AnyAsync(row => row.OdooPosConfigId == request.OdooPosConfigId, cancellationToken);
        var rule = new OwnedRecordCannotBeIgnoredRule(request.OdooPosConfigId, owned);
        if (request.Ignored && rule.IsBroken())
        {
            throw new BusinessRuleValidationException(rule);
        }

        var existing = await db.IgnoredOdooRecords.SingleOrDefaultAsync(record => record.OdooPosConfigId == request.OdooPosConfigId, cancellationToken);
        if (request.Ignored && existing is null)
        {
            db.IgnoredOdooRecords.Add(new IgnoredOdooRecord { TenantId = tenant.Id, OdooPosConfigId = request.OdooPosConfigId, IgnoredAt = clock.GetUtcNow() });
            await db.DriftFindings.Where(finding => finding.OdooPosConfigId == request.OdooPosConfigId && finding.Kind == DriftKind.Unknown)
                .ExecuteDeleteAsync(cancellationToken);
            await audit.RecordAsync("odoo_sync.odoo_record_ignored", request.TenantId, null, new { request.OdooPosConfigId }, cancellationToken);
        }
        else if (!request.Ignored && existing is not null)
        {
            db.IgnoredOdooRecords.Remove(existing);
            await audit.RecordAsync("odoo_sync.odoo_record_unignored", request.TenantId, new { request.OdooPosConfigId }, null, cancellationToken);
        }

        return Done.Value;
    }
}
