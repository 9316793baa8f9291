using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Features.PauseSync;

internal sealed class ResumeSyncCommandHandler(OdooSyncDbContext db, IAuditTrail audit, CafeDbSession session, TenantDrainTriggers drains)
    : IRequestHandler<ResumeSyncCommand, SyncPauseStatus>
{
    public async Task<SyncPauseStatus> Handle(ResumeSyncCommand request, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("Odoo connection of tenant", request.TenantId);
        var before = connection.Pause;
        var (after, changed) = before.Resume();
        if (changed)
        {
            connection.PausedAt = null;
            connection.PausedBy = null;
            connection.PauseReason = null;
            await audit.RecordAsync("odoo_sync.resumed", request.TenantId, SyncPauseStatus.Of(before), SyncPauseStatus.Of(after), cancellationToken);
            // What waited during the pause goes out now rather than at the next tick.
            drains.RequestAfterCommit(session, request.TenantId);
        }

        return SyncPauseStatus.Of(after);
    }
}
