using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.DeadLetters;

public sealed record DeadLetter(Guid RegisterId, string Name, string? Error, int Attempts);

/// <param name="ApiKeyNeedsReentry">The stored key cannot be decrypted (key ring lost or rotated away, damaged value): pushes wait until it is entered again.</param>
public sealed record ConnectionStatus(string BaseUrl, string Database, string Login, string Transport, bool Enabled, bool Healthy, string? LastError, bool ApiKeyNeedsReentry);

/// <summary>A register a drain is pushing now: which host holds it, since when, and until when at most.</summary>
public sealed record ActiveClaim(Guid RegisterId, string Name, string ClaimedBy, DateTimeOffset ClaimedAt, DateTimeOffset ClaimedUntil);

public sealed record SyncStatus(
    IReadOnlyDictionary<string, int> CountsByState,
    double? OldestPendingAgeSeconds,
    IReadOnlyList<DeadLetter> DeadLetters,
    IReadOnlyList<ActiveClaim> Claims,
    ConnectionStatus? Connection);

/// <summary>The current tenant's sync status. Never includes the API key.</summary>
public sealed record GetSyncStatusQuery : IQuery<SyncStatus>;

/// <summary>Gives the current tenant's dead-lettered registers (one, or all) a fresh set of retries.</summary>
public sealed record RequeueDeadLettersCommand(Guid? RegisterId) : ICommand<int>;

/// <summary>Creates one of the current tenant's registers in Odoo again, after its pos.config was deleted there.</summary>
public sealed record RecreateInOdooCommand(Guid RegisterId) : ICommand<Done>;

internal sealed class RecreateInOdooCommandValidator : AbstractValidator<RecreateInOdooCommand>
{
    public RecreateInOdooCommandValidator() => RuleFor(command => command.RegisterId).NotEmpty();
}

/// <summary>Every query here is scoped by the DbContext's tenant filter; none names a tenant.</summary>
internal sealed class DeadLetterHandlers(
    OdooSyncDbContext db, ICurrentTenant tenant, ITenantDirectory tenants, OdooKeyProtector protector, TimeProvider clock, CafeDbSession session, TenantDrainTriggers drains) :
    IRequestHandler<GetSyncStatusQuery, SyncStatus>,
    IRequestHandler<RequeueDeadLettersCommand, int>,
    IRequestHandler<RecreateInOdooCommand, Done>
{
    public async Task<SyncStatus> Handle(GetSyncStatusQuery request, CancellationToken cancellationToken)
    {
        await EnsureTenantExistsAsync(cancellationToken);
        var rows = db.PosConfigs.AsNoTracking();
        var counts = await rows.GroupBy(row => row.SyncState).Select(group => new { group.Key, Count = group.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var oldest = await rows.Where(row => row.SyncState == SyncState.PendingCreate || row.SyncState == SyncState.PendingUpdate)
            .MinAsync(row => (DateTimeOffset?)(row.QueuedAt ?? row.CreatedAt), cancellationToken);
        var deadLetters = await rows.Where(row => row.SyncState == SyncState.SyncError).OrderBy(row => row.Name)
            .Select(row => new DeadLetter(row.Id, row.Name, row.SyncErrorMessage, row.Retries)).ToListAsync(cancellationToken);
        // A lease that ran out (its host died or stalled) is held by nobody: the next drain takes the row.
        var claims = await rows.Where(row => row.ClaimToken != null && row.ClaimedUntil > DateTimeOffset.UtcNow).OrderBy(row => row.ClaimedAt)
            .Select(row => new ActiveClaim(row.Id, row.Name, row.ClaimedBy!, row.ClaimedAt!.Value, row.ClaimedUntil!.Value)).ToListAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        // Tried here rather than remembered, so a lost key ring shows before any drain trips on it; the key itself is dropped at once.
        var status = connection is null ? null : new ConnectionStatus(connection.BaseUrl, connection.Database, connection.Login, connection.Transport, connection.Enabled,
            connection.Healthy, connection.LastError, ApiKeyNeedsReentry: protector.TryUnprotect(connection.ApiKeyProtected) is null);
        return new SyncStatus(counts, oldest is null ? null : (clock.GetUtcNow() - oldest.Value).TotalSeconds, deadLetters, claims, status);
    }

    public async Task<int> Handle(RequeueDeadLettersCommand request, CancellationToken cancellationToken)
    {
        await EnsureTenantExistsAsync(cancellationToken);
        var requeued = await db.PosConfigs
            .Where(row => row.SyncState == SyncState.SyncError && (request.RegisterId == null || row.Id == request.RegisterId))
            .ExecuteUpdateAsync(set => set
                .SetProperty(row => row.SyncState, row => row.OdooPosConfigId == null ? SyncState.PendingCreate : SyncState.PendingUpdate)
                .SetProperty(row => row.QueuedAt, clock.GetUtcNow())
                .SetProperty(row => row.Retries, 0)
                .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(row => row.SyncErrorMessage, (string?)null), cancellationToken);
        if (request.RegisterId is { } registerId && requeued == 0)
        {
            throw new NotFoundException("Dead-lettered register", registerId);
        }

        if (requeued > 0)
        {
            DrainAfterCommit();
        }

        return requeued;
    }

    public async Task<Done> Handle(RecreateInOdooCommand request, CancellationToken cancellationToken)
    {
        var changed = await db.PosConfigs
            .Where(row => row.Id == request.RegisterId && row.OdooPosConfigId != null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(row => row.OdooPosConfigId, (int?)null)
                .SetProperty(row => row.SyncState, SyncState.PendingCreate)
                .SetProperty(row => row.QueuedAt, clock.GetUtcNow())
                .SetProperty(row => row.Retries, 0)
                .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(row => row.SyncErrorMessage, (string?)null), cancellationToken);
        if (changed == 0)
        {
            throw new NotFoundException("Register known to Odoo", request.RegisterId);
        }

        DrainAfterCommit();
        return Done.Value;
    }

    private void DrainAfterCommit()
    {
        var tenantId = tenant.Id;
        session.OnCommitted(ct => drains.RequestSoonAsync(tenantId, ct));
    }

    // The operator names the tenant in the route: an unknown one is a 404, not an empty status.
    private async Task EnsureTenantExistsAsync(CancellationToken cancellationToken)
    {
        if (await tenants.GetPlanAsync(tenant.Id, cancellationToken) is null)
        {
            throw new NotFoundException("Tenant", tenant.Id);
        }
    }
}
