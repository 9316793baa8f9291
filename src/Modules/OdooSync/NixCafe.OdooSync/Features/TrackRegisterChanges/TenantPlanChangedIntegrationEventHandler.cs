using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>Starter → Pro: every register Odoo does not have yet must be created there (after a look for records to adopt).</summary>
internal sealed class TenantPlanChangedIntegrationEventHandler(QueueTransitions queue, OdooSyncDbContext db, CafeDbSession session, TenantDrainTriggers drains)
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

        // Its Odoo may hold records already (the registers' until now lived elsewhere): the first creates look first.
        await db.Connections.ExecuteUpdateAsync(set => set.SetProperty(connection => connection.AdoptionCheckedAt, (DateTimeOffset?)null), cancellationToken);
    }
}
