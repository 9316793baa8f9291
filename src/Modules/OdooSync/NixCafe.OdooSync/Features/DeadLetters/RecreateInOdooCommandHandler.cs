using MediatR;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Features.DeadLetters;

internal sealed class RecreateInOdooCommandHandler(QueueTransitions queue, ICurrentTenant tenant, CafeDbSession session, TenantDrainTriggers drains, IAuditTrail audit)
    : IRequestHandler<RecreateInOdooCommand, Done>
{
    public async Task<Done> Handle(RecreateInOdooCommand request, CancellationToken cancellationToken)
    {
        if (await queue.RecreateInOdooAsync(request.RegisterId, cancellationToken) == 0)
        {
            throw new NotFoundException("Register known to Odoo", request.RegisterId);
        }

        // It makes a new record in Odoo: the audit trail says who asked for it.
        await audit.RecordAsync("odoo_sync.recreate_requested", request.RegisterId, null, new { state = "pending_create" }, cancellationToken);
        drains.RequestAfterCommit(session, tenant.Id);
        return Done.Value;
    }
}
