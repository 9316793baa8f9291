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

public sealed record ConnectionStatus(string BaseUrl, string Database, string Login, bool Enabled, bool Healthy, string? LastError);

/// <summary>A register a drain is pushing now: which host holds it, since when, and until when at most.</summary>
public sealed record ActiveClaim(Guid RegisterId, string Name, string ClaimedBy, DateTimeOffset ClaimedAt, DateTimeOffset ClaimedUntil);

public sealed record SyncStatus(
    IReadOnlyDictionary<string, int> CountsByState,
    double? OldestPendingAgeSeconds,
    IReadOnlyList<DeadLetter> DeadLetters,
    IReadOnlyList<ActiveClaim> Claims,
    ConnectionStatus? Connection);

/// <summary>A tenant's sync status. Never includes the API key.</summary>
public sealed record GetSyncStatusQuery(Guid TenantId) : IQuery<SyncStatus>;

/// <summary>Gives dead-lettered registers (one, or all of the tenant's) a fresh set of retries.</summary>
public sealed record RequeueDeadLettersCommand(Guid TenantId, Guid? RegisterId) : ICommand<int>;

/// <summary>Creates a register in Odoo again, after its pos.config was deleted there.</summary>
public sealed record RecreateInOdooCommand(Guid TenantId, Guid RegisterId) : ICommand<Done>;

internal sealed class RequeueDeadLettersCommandValidator : AbstractValidator<RequeueDeadLettersCommand>
{
    public RequeueDeadLettersCommandValidator() => RuleFor(command => command.TenantId).NotEmpty();
}

internal sealed class RecreateInOdooCommandValidator : AbstractValidator<RecreateInOdooCommand>
{
    public RecreateInOdooCommandValidator() => RuleFor(command => command.RegisterId).NotEmpty();
}

internal sealed class DeadLetterHandlers(OdooSyncDbContext db, ITenantDirectory tenants, TimeProvider clock, CafeDbSession session, TenantDrainTriggers drains) :
    IRequestHandler<GetSyncStatusQuery, SyncStatus>,
    IRequestHandler<RequeueDeadLettersCommand, int>,
    IRequestHandler<RecreateInOdooCommand, Done>
{
    public async Task<SyncStatus> Handle(GetSyncStatusQuery request, CancellationToken cancellationToken)
    {
        await EnsureTenantExistsAsync(request.TenantId, cancellationToken);
        var rows = db.PosConfigs.AsNoTracking().Where(row => row.TenantId == request.TenantId);
        var counts = await rows.GroupBy(row => row.SyncState).Select(group => new { group.Key, Count = group.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var oldest = await rows.Where(row => row.SyncState == SyncState.PendingCreate || row.SyncState == SyncState.PendingUpdate)
            .MinAsync(row => (DateTimeOffset?)(row.QueuedAt ?? row.CreatedAt), cancellationToken);
        var deadLetters = await rows.Where(row => row.SyncState == SyncState.SyncError).OrderBy(row => row.Name)
            .Select(row => new DeadLetter(row.Id, row.Name, row.SyncErrorMessage, row.Retries)).ToListAsync(cancellationToken);
        var claims = await rows.Where(row => row.ClaimToken != null).OrderBy(row => row.ClaimedAt)
            .Select(row => new ActiveClaim(row.Id, row.Name, row.ClaimedBy!, row.ClaimedAt!.Value, row.ClaimedUntil!.Value)).ToListAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().Where(c => c.TenantId == request.TenantId)
            .Select(c => new ConnectionStatus(c.BaseUrl, c.Database, c.Login, c.Enabled, c.Healthy, c.LastError)).SingleOrDefaultAsync(cancellationToken);
        return new SyncStatus(counts, oldest is null ? null : (clock.GetUtcNow() - oldest.Value).TotalSeconds, deadLetters, claims, connection);
    }

    public async Task<int> Handle(RequeueDeadLettersCommand request, CancellationToken cancellationToken)
    {
        await EnsureTenantExistsAsync(request.TenantId, cancellationToken);
        var requeued = await db.PosConfigs
            .Where(row => row.TenantId == request.TenantId && row.SyncState == SyncState.SyncError && (request.RegisterId == null || row.Id == request.RegisterId))
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
            session.OnCommitted(ct => drains.RequestSoonAsync(request.TenantId, ct));
        }

        return requeued;
    }

    public async Task<Done> Handle(RecreateInOdooCommand request, CancellationToken cancellationToken)
    {
        var changed = await db.PosConfigs
            .Where(row => row.TenantId == request.TenantId && row.Id == request.RegisterId && row.OdooPosConfigId != null)
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

        session.OnCommitted(ct => drains.RequestSoonAsync(request.TenantId, ct));
        return Done.Value;
    }

    // The operator names the tenant in the route: an unknown one is a 404, not an empty status.
    private async Task EnsureTenantExistsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (await tenants.GetPlanAsync(tenantId, cancellationToken) is null)
        {
            throw new NotFoundException("Tenant", tenantId);
        }
    }
}
