using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>
/// What a rename, a deactivation and a reactivation have in common: inside the change's unit of
/// work, the register is queued for an update (one conditional UPDATE, <see cref="QueueTransitions"/>),
/// and once the change has committed its tenant's drain is asked for (the minute tick is only the
/// backstop). Only a register Odoo already has, and that is not waiting for its create: the create
/// carries the latest name and active flag, and an edit during the create's flight is caught when
/// its outcome is recorded. A dead-lettered register gets a fresh start. A prefix change is not
/// queued on purpose: Odoo's pos.config has no prefix, and NixCafe names its own orders.
/// </summary>
internal sealed class RegisterEditQueue(QueueTransitions queue, CafeDbSession session, TenantDrainTriggers drains)
{
    public async Task QueueUpdateAsync(Guid tenantId, Guid registerId, CancellationToken cancellationToken)
    {
        if (await queue.QueueUpdateAsync(registerId, cancellationToken))
        {
            drains.RequestAfterCommit(session, tenantId);
        }
    }
}
