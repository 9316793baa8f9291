using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;

namespace NixCafe.OdooSync.Features.PauseSync;

internal sealed class PauseSyncCommandHandler(OdooSyncDbContext db, IAuditTrail audit, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<PauseSyncCommand, SyncPauseStatus>
{
    public async Task<SyncPauseStatus> Handle(PauseSyncCommand request, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("Odoo connection of tenant", request.TenantId);
        var before = connection.Pause;
        var who = actor.Actor;
        var (after, changed) = before.Pause(who.Kind == who.Id ? who.Kind : $"{who.Kind} {who.Id}", string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(), clock.GetUtcNow());
        if (changed)
        {
            connection.PausedAt = after.PausedAt;
            connection.PausedBy = after.PausedBy;
            connection.PauseReason = after.Reason;
            await audit.RecordAsync("odoo_sync.paused", request.TenantId, SyncPauseStatus.Of(before), SyncPauseStatus.Of(after), cancellationToken);
        }

        return SyncPauseStatus.Of(after);
    }
}
