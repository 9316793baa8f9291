using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// <see cref="RegisterSync"/>'s queue transitions as set-based statements: each is one conditional
/// UPDATE, inside the transaction of whatever caused it, that applies the domain's
/// <see cref="QueueTransition{T}"/> to the rows chosen here. Every query is scoped to the current
/// tenant by the context's filter. Each answers how many registers moved.
/// </summary>
internal sealed class QueueTransitions(OdooSyncDbContext db, TimeProvider clock)
{
    /// <summary>A new register: queued for its create when the tenant is Pro, synced otherwise.</summary>
    public Task<int> CreatedAsync(Guid registerId, bool tenantIsPro, CancellationToken cancellationToken) =>
        ApplyAsync(db.PosConfigs.Where(row => row.Id == registerId), RegisterSync.Create<PosConfigSync>(tenantIsPro), cancellationToken);

    /// <summary>The tenant moved to Pro: every register Odoo lacks is queued for its create.</summary>
    public Task<int> QueueCreatesAsync(CancellationToken cancellationToken) =>
        ApplyAsync(db.PosConfigs, RegisterSync.QueueCreate<PosConfigSync>(), cancellationToken);

    /// <summary>
    /// A rename, deactivation or reactivation: queued for an update when Odoo has the register
    /// and no create waits for it. Answers whether a drain has something to push (a waiting
    /// create carries the change).
    /// </summary>
    public async Task<bool> QueueUpdateAsync(Guid registerId, CancellationToken cancellationToken)
    {
        var register = db.PosConfigs.Where(row => row.Id == registerId);
        return await ApplyAsync(register, RegisterSync.QueueUpdate<PosConfigSync>(), cancellationToken) > 0
               || await register.AnyAsync(RegisterSync.CarriedByItsCreate<PosConfigSync>(), cancellationToken);
    }

    /// <summary>Dead letters (one, or all of the tenant's) get a fresh set of retries: created where Odoo lacks them, else updated.</summary>
    public Task<int> RequeueDeadLettersAsync(Guid? registerId, CancellationToken cancellationToken) =>
        ApplyAsync(db.PosConfigs.Where(row => registerId == null || row.Id == registerId), RegisterSync.RequeueDeadLetter<PosConfigSync>(), cancellationToken);

    /// <summary>A register whose record was deleted in Odoo: its id forgotten, queued for its create.</summary>
    public Task<int> RecreateInOdooAsync(Guid registerId, CancellationToken cancellationToken) =>
        ApplyAsync(db.PosConfigs.Where(row => row.Id == registerId), RegisterSync.RecreateInOdoo<PosConfigSync>(), cancellationToken);

    /// <summary>
    /// The tenant's connection names another Odoo: every register is created there (a Pro
    /// tenant's). Leases end too, so a push to the old Odoo still in flight records nothing.
    /// </summary>
    public Task<int> ForgetOdooAsync(bool tenantIsPro, CancellationToken cancellationToken) =>
        ApplyAsync(db.PosConfigs, RegisterSync.ForgetOdoo<PosConfigSync>(tenantIsPro), cancellationToken);

    /// <summary>
    /// The repair policy's answer to a finding about the register's record <paramref name="odooId"/>:
    /// pushed again, or created again when Odoo deleted it; nothing for a register that moved since
    /// the check (another id, another state) or an unknown record.
    /// </summary>
    public Task<int> RepairDriftAsync(Guid registerId, int odooId, string kind, CancellationToken cancellationToken) =>
        RegisterSync.RepairDrift<PosConfigSync>(kind) is { } repair
            ? ApplyAsync(db.PosConfigs.Where(row => row.Id == registerId && row.OdooPosConfigId == odooId), repair, cancellationToken)
            : Task.FromResult(0);

    /// <summary>What <see cref="RegisterSync.Apply"/> does to one register, to every row of <paramref name="rows"/> the transition holds for.</summary>
    private Task<int> ApplyAsync(IQueryable<PosConfigSync> rows, QueueTransition<PosConfigSync> transition, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return rows.Where(transition.AppliesTo).ExecuteUpdateAsync(set =>
        {
            set.SetProperty(row => row.SyncState, transition.State)
                .SetProperty(row => row.Retries, 0)
                .SetProperty(row => row.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(row => row.SyncErrorMessage, (string?)null);
            if (transition.StartsAWait)
            {
                set.SetProperty(row => row.QueuedAt, (DateTimeOffset?)now);
            }

            if (transition.ForgetsOdooId)
            {
                set.SetProperty(row => row.OdooPosConfigId, (int?)null);
            }

            if (transition.EndsLease)
            {
                set.SetProperty(row => row.ClaimToken, (Guid?)null)
                    .SetProperty(row => row.ClaimedBy, (string?)null)
                    .SetProperty(row => row.ClaimedAt, (DateTimeOffset?)null)
                    .SetProperty(row => row.ClaimedUntil, (DateTimeOffset?)null);
            }
        }, cancellationToken);
    }
}
