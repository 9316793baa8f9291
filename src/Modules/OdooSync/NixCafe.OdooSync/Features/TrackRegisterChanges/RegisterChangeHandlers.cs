using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Contracts;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>
/// Turns register changes into queue states, inside the unit of work of the change, each as one
/// conditional UPDATE. A prefix change is not handled on purpose: Odoo's pos.config has no
/// prefix, and NixCafe names its own orders.
/// </summary>
internal sealed class RegisterChangeHandlers(OdooSyncDbContext db, ITenantDirectory tenants, TimeProvider clock) :
    INotificationHandler<RegisterCreatedIntegrationEvent>,
    INotificationHandler<RegisterRenamedIntegrationEvent>,
    INotificationHandler<RegisterDeactivatedIntegrationEvent>,
    INotificationHandler<RegisterReactivatedIntegrationEvent>,
    INotificationHandler<TenantPlanChangedIntegrationEvent>
{
    /// <summary>A Pro register must be created in Odoo; a Starter register has nothing to sync.</summary>
    public async Task Handle(RegisterCreatedIntegrationEvent notification, CancellationToken cancellationToken)
    {
        var plan = await tenants.GetPlanAsync(notification.TenantId, cancellationToken);
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
    }

    public Task Handle(RegisterRenamedIntegrationEvent notification, CancellationToken cancellationToken) =>
        QueueUpdateAsync(notification.RegisterId, cancellationToken);

    public Task Handle(RegisterDeactivatedIntegrationEvent notification, CancellationToken cancellationToken) =>
        QueueUpdateAsync(notification.RegisterId, cancellationToken);

    public Task Handle(RegisterReactivatedIntegrationEvent notification, CancellationToken cancellationToken) =>
        QueueUpdateAsync(notification.RegisterId, cancellationToken);

    /// <summary>Starter → Pro: every register Odoo does not have yet must be created there.</summary>
    public async Task Handle(TenantPlanChangedIntegrationEvent notification, CancellationToken cancellationToken)
    {
        if (notification.NewPlan != TenantPlans.Pro)
        {
            return;
        }

        await db.PosConfigs
            .Where(row => row.TenantId == notification.TenantId && row.OdooPosConfigId == null && row.SyncState != SyncState.PendingCreate)
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
    private Task QueueUpdateAsync(Guid registerId, CancellationToken cancellationToken) =>
        db.PosConfigs
            .Where(row => row.Id == registerId && row.OdooPosConfigId != null && row.SyncState != SyncState.PendingCreate)
            .ExecuteUpdateAsync(set => set
                .SetProperty(row => row.SyncState, SyncState.PendingUpdate)
                .SetProperty(row => row.QueuedAt, clock.GetUtcNow())
                .SetProperty(row => row.Retries, 0)
                .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(row => row.SyncErrorMessage, (string?)null), cancellationToken);
}
