using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.PauseSync;
using NixCafe.OdooSync.Features.ReconcileDrift;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.DeadLetters;

/// <summary>Scoped by the DbContext's tenant filter: no query names a tenant.</summary>
internal sealed class GetSyncStatusQueryHandler(OdooSyncDbContext db, KnownTenant tenant, OdooKeyProtector protector, TimeProvider clock)
    : IRequestHandler<GetSyncStatusQuery, SyncStatus>
{
    public async Task<SyncStatus> Handle(GetSyncStatusQuery request, CancellationToken cancellationToken)
    {
        await tenant.EnsureExistsAsync(cancellationToken);
        var rows = db.PosConfigs.AsNoTracking();
        var counts = await rows.GroupBy(row => row.SyncState).Select(group => new { group.Key, Count = group.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var oldest = await rows.Where(row => SyncState.Pending.Contains(row.SyncState))
            .MinAsync(row => (DateTimeOffset?)(row.QueuedAt ?? row.CreatedAt), cancellationToken);
        var deadLetters = await rows.Where(RegisterSync.DeadLettered<PosConfigSync>()).OrderBy(row => row.Name)
            .Select(row => new DeadLetter(row.Id, row.Name, row.SyncErrorMessage, row.Retries)).ToListAsync(cancellationToken);
        // A lease that ran out (its host died or stalled) is held by nobody: the next drain takes the row.
        var claims = await rows.Where(row => row.ClaimToken != null && row.ClaimedUntil > DateTimeOffset.UtcNow).OrderBy(row => row.ClaimedAt)
            .Select(row => new ActiveClaim(row.Id, row.Name, row.ClaimedBy!, row.ClaimedAt!.Value, row.ClaimedUntil!.Value)).ToListAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        // Tried here rather than remembered, so a lost key ring shows before any drain trips on it; the key itself is dropped at once.
        var status = connection is null ? null : new ConnectionStatus(connection.BaseUrl, connection.Database, connection.Login, connection.Transport, connection.Enabled,
            connection.Healthy, connection.LastError, ApiKeyNeedsReentry: protector.TryUnprotect(connection.ApiKeyProtected) is null);
        var drift = new DriftStatus(connection?.DriftPolicy ?? DriftPolicy.Report, connection?.LastDriftCheckAt, connection?.LastDriftCheckError,
            await DriftFindingsReader.ReadAsync(db, cancellationToken));
        return new SyncStatus(counts, oldest is null ? null : (clock.GetUtcNow() - oldest.Value).TotalSeconds, deadLetters, claims, status,
            connection is null ? SyncPauseStatus.Running : SyncPauseStatus.Of(connection.Pause), connection?.LastPushedAt, drift);
    }
}
