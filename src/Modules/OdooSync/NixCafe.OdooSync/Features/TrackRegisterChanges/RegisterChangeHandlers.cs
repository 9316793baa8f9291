using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Contracts;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>
/// Turns register changes into queue states, inside the unit of work of the change, each as one
/// conditional UPDATE, and asks for the tenant's drain once the change has committed (the minute
/// tick is only the backstop). A prefix change is not handled on purpose: Odoo's pos.config has
/// no prefix, and NixCafe names its own orders.
/// </summary>
internal sealed class RegisterChangeHandlers(OdooSyncDbContext db, ITenantDirectory tenants, TimeProvider clock, CafeDbSession session, TenantDrainTriggers drains) :
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
        var plan = await tenants.HoldPlanAsync(notification.TenantId, cancellationToken);
        if (plan != TenantPlans.Pro)
        {
            await db.PosConfigs
                .Where(row => row.Id == notification.RegisterId)
                .ExecuteUpdateAsync(set => set.SetProperty(row => row.SyncState, SyncState.Synced), cancellationToken);
            return;
        }

        await db.PosConfigs
            .Where(row => row.Id == notification.RegisterId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(row => row.SyncState, SyncState.PendingCreate)
                .SetProperty(row => row.QueuedAt, clock.GetUtcNow()), cancellationToken);
        DrainAfterCommit(notification.TenantId);
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
        await db.PosConfigs
            .Where(row => row.OdooPosConfigId == null && row.SyncState != SyncState.PendingCreate)
            .ExecuteUpdateAsync(set => set
                .SetProperty(row => row.SyncState, SyncState.PendingCreate)
                .SetProperty(row => row.QueuedAt, clock.GetUtcNow())
                .SetProperty(row => row.Retries, 0)
                .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(row => row.SyncErrorMessage, (string?)null), cancellationToken);
    }

    /// <summary>
    /// Only a register Odoo already has, and that is not waiting for its create: the create
    /// carries the latest name and active flag, and an edit during the create's flight is caught
    /// when its outcome is recorded. A dead-lettered register gets a fresh start.
    /// </summary>
    private async Task QueueUpdateAsync(Guid tenantId, Guid registerId, CancellationToken cancellationToken)
    {
        var queued = await db.PosConfigs
            .Where(row => row.Id == registerId && row.OdooPosConfigId != null && row.SyncState != SyncState.PendingCreate)
            .ExecuteUpdateAsync(set => set
                .SetProperty(row => row.SyncState, SyncState.PendingUpdate)
                .SetProperty(row => row.QueuedAt, clock.GetUtcNow())
                .SetProperty(row => row.Retries, 0)
                .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(row => row.SyncErrorMessage, (string?)null), cancellationToken);
        // A row still waiting for its create needs no new state, but its drain carries the edit.
        if (queued > 0 || await db.PosConfigs.AnyAsync(row => row.Id == registerId && row.SyncState == SyncState.PendingCreate, cancellationToken))
        {
            DrainAfterCommit(tenantId);
        }
    }

    /// <summary>Other hosts see the change only once it commits, so the drain is asked for then.</summary>
    private void DrainAfterCommit(Guid tenantId) => session.OnCommitted(ct => drains.RequestSoonAsync(tenantId, ct));
}
