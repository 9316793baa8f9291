using MediatR;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Contracts;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>
/// A Pro register must be created in Odoo; a Starter register has nothing to sync. Runs inside the
/// create's unit of work. The plan is held until the create commits: a move to Pro made meanwhile
/// waits, then queues this register.
/// </summary>
internal sealed class RegisterCreatedIntegrationEventHandler(QueueTransitions queue, ITenantDirectory tenants, CafeDbSession session, TenantDrainTriggers drains)
    : INotificationHandler<RegisterCreatedIntegrationEvent>
{
    public async Task Handle(RegisterCreatedIntegrationEvent notification, CancellationToken cancellationToken)
    {
        var tenantIsPro = await tenants.HoldPlanAsync(notification.TenantId, cancellationToken) == TenantPlans.Pro;
        await queue.CreatedAsync(notification.RegisterId, tenantIsPro, cancellationToken);
        if (tenantIsPro)
        {
            drains.RequestAfterCommit(session, notification.TenantId);
        }
    }
}
