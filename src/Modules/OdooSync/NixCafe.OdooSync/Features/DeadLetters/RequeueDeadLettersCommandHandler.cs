using MediatR;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Features.DeadLetters;

internal sealed class RequeueDeadLettersCommandHandler(QueueTransitions queue, KnownTenant tenant, ICurrentTenant current, CafeDbSession session, TenantDrainTriggers drains, IAuditTrail audit)
    : IRequestHandler<RequeueDeadLettersCommand, int>
{
    public async Task<int> Handle(RequeueDeadLettersCommand request, CancellationToken cancellationToken)
    {
        await tenant.EnsureExistsAsync(cancellationToken);
        var requeued = await queue.RequeueDeadLettersAsync(request.RegisterId, cancellationToken);
        if (request.RegisterId is { } registerId && requeued == 0)
        {
            throw new NotFoundException("Dead-lettered register", registerId);
        }

        if (requeued > 0)
        {
            // Who gave dead letters another round is worth knowing when they dead-letter again.
            await audit.RecordAsync("odoo_sync.requeued", request.RegisterId ?? current.Id, null, new { requeued }, cancellationToken);
            drains.RequestAfterCommit(session, current.Id);
        }

        return requeued;
    }
}
