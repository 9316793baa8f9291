using MediatR;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Contracts;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>
/// Turns register changes into queue states, inside the unit of work of the change, each as one
/// conditional UPDATE (<see cref="QueueTransitions"/>), and asks for the tenant's drain once the change has committed (the minute
/// tick is only the backstop). A prefix change is not handled on purpose: Odoo's pos.config has
/// no prefix, and NixCafe names its own orders.
/// </summary>
internal sealed class RegisterChangeHandlers(QueueTransitions queue, ITenantDirectory tenants, CafeDbSession session, TenantDrainTriggers drains) :
    INotificationHandler<RegisterCreatedIntegrationEvent>,
    INotificationHandler<RegisterRenamedIntegrationEvent>,
    INotificationHandler<RegisterDeactivatedIntegrationEvent>,
    INotificationHandler<RegisterReactivatedIntegrationEvent>,
    INotificationHandler<TenantPlanChangedIntegrationEvent>
{
    /// <summary>
    /// A Pro register must be created in Odoo; a Starter register has nothing to sync. The plan is
    /// held until the create commits: a move to Pro made meanwhile waits, then queues this register.
    /// </summary>
    public async Task Handle(RegisterCreatedIntegrationEvent notification, CancellationToken cancellationToken)
    {
        var tenantIsPro = await tenants.HoldPlanAsync(notification.TenantId, cancellationToken) == TenantPlans.Pro;
        await queue.CreatedAsync(notification.RegisterId, tenantIsPro, cancellationToken);
        if (tenantIsPro)
        {
            DrainAfterCommit(notification.TenantId);
        }
    }

    public Task Handle(RegisterRenamedIntegrationEvent notification, CancellationToken cancellationToken) =>
        QueueUpdateAsync(notification.TenantId, notification.RegisterId, cancellationToken);

    public Task Handle(RegisterDeactivatedIntegrationEvent notification, CancellationToken cancellationToken) =>
        QueueUpdateAsync(notification.TenantId, notification.RegisterId, cancellationToken);

    public Task Handle(RegisterReactivatedIntegrationEvent notification, CancellationToken cancellationToken) =>
        QueueUpdateAsync(notification.TenantId, notification.RegisterId, cancellationToken);

    /// <summary>Starter → Pro: every register Odoo does not have yet must be created there.</summary>
    public async Task Handle(TenantPlanChangedIntegrationEvent notification, CancellationToken cancellationToken)
    {
        if (notification.NewPlan != TenantPlans.Pro)
        {
            return;
        }

        DrainAfterCommit(notification.TenantId);
        await queue.QueueCreatesAsync(cancellationToken);
    }

    /// <summary>
    /// Only a register Odoo already has, and that is not waiting for its create: the create
    /// carries the latest name and active flag, and an edit during the create's flight is caught
    /// when its outcome is recorded. A dead-lettered register gets a fresh start.
    /// </summary>
    private async Task QueueUpdateAsync(Guid tenantId, Guid registerId, CancellationToken cancellationToken)
    {
        if (await queue.QueueUpdateAsync(registerId, cancellationToken))
        {
            DrainAfterCommit(tenantId);
        }
    }

    private void DrainAfterCommit(Guid tenantId) => drains.RequestAfterCommit(session, tenantId);
}
