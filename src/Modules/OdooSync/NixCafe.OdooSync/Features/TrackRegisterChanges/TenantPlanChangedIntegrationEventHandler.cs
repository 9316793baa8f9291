using MediatR;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>Starter → Pro: every register Odoo does not have yet must be created there.</summary>
internal sealed class TenantPlanChangedIntegrationEventHandler(QueueTransitions queue, CafeDbSession session, TenantDrainTriggers drains)
    : INotificationHandler<TenantPlanChangedIntegrationEvent>
{
    public async Task Handle(TenantPlanChangedIntegrationEvent notification, CancellationToken cancellationToken)
    {
        if (notification.NewPlan != TenantPlans.Pro)
        {
            return;
        }

        drains.RequestAfterCommit(session, notification.TenantId);
        await queue.QueueCreatesAsync(cancellationToken);
    }
}
