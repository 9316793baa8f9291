using MediatR;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Features.AwaitAdoption;

internal sealed class ReleaseRegisterForCreateCommandHandler(QueueTransitions queue, IAuditTrail audit, CafeDbSession session, TenantDrainTriggers drains)
    : IRequestHandler<ReleaseRegisterForCreateCommand, Done>
{
    public async Task<Done> Handle(ReleaseRegisterForCreateCommand request, CancellationToken cancellationToken)
    {
        if (await queue.ReleaseForCreateAsync(request.RegisterId, cancellationToken) == 0)
        {
            throw new NotFoundException("Register awaiting adoption", request.RegisterId);
        }

        // It makes a new record in Odoo: the audit trail says who decided so.
        await audit.RecordAsync("odoo_sync.register_released", request.RegisterId, null, new { State = SyncState.PendingCreate }, cancellationToken);
        drains.RequestAfterCommit(session, request.TenantId);
        return Done.Value;
    }
}
