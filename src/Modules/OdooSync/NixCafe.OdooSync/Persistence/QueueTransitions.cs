using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// The queueing transitions of <see cref="RegisterSync"/> as set-based statements: one
/// conditional UPDATE each, inside the transaction of whatever caused them, filtered by the
/// domain's guards and writing the values the domain gives. Every query is scoped to the current
/// tenant by the context's filter. Each answers how many registers moved.
/// </summary>
internal sealed class QueueTransitions(OdooSyncDbContext db, TimeProvider clock)
{
    /// <summary>A new register: queued for its create when the tenant is Pro, synced otherwise.</summary>
    public Task<int> CreatedAsync(Guid registerId, bool tenantIsPro, CancellationToken cancellationToken) =>
        WriteAsync(db.PosConfigs.Where(row => row.Id == registerId), RegisterSync.Created(tenantIsPro, clock.GetUtcNow()), cancellationToken: cancellationToken);

    /// <summary>The tenant moved to Pro: every register Odoo lacks is queued for its create.</summary>
    public Task<int> QueueCreatesAsync(CancellationToken cancellationToken) =>
        WriteAsync(db.PosConfigs.Where(RegisterSync.MissingFromOdoo<PosConfigSync>()), RegisterSync.Queued(SyncState.PendingCreate, clock.GetUtcNow()), cancellationToken: cancellationToken);

    /// <summary>
    /// A rename, deactivation or reactivation: queued for an update when Odoo has the register
    /// and no create waits for it. Answers whether a drain has something to push (a waiting
    /// create carries the change).
    /// </summary>
    public async Task<bool> QueueUpdateAsync(Guid registerId, CancellationToken cancellationToken)
    {
        var register = db.PosConfigs.Where(row => row.Id == registerId);
        var queued = await WriteAsync(register.Where(RegisterSync.UpdatableOnItsOwn<PosConfigSync>()), RegisterSync.Queued(SyncState.PendingUpdate, clock.GetUtcNow()), cancellationToken: cancellationToken);
        return queued > 0 || await register.AnyAsync(RegisterSync.WaitingForItsCreate<PosConfigSync>(), cancellationToken);
    }

    /// <summary>Dead letters (one, or all of the tenant's) get a fresh set of retries: created where Odoo lacks them, else updated.</summary>
    public Task<int> RequeueDeadLettersAsync(Guid? registerId, CancellationToken cancellationToken) =>
        WriteAsync(db.PosConfigs.Where(RegisterSync.DeadLettered<PosConfigSync>()).Where(row => registerId == null || row.Id == registerId),
            RegisterSync.Queued(SyncState.PendingCreate, clock.GetUtcNow()), state: RegisterSync.RequeuedState<PosConfigSync>(), cancellationToken: cancellationToken);

    /// <summary>A register whose record was deleted in Odoo: its id forgotten, queued for its create.</summary>
    public Task<int> RecreateInOdooAsync(Guid registerId, CancellationToken cancellationToken) =>
        WriteAsync(db.PosConfigs.Where(row => row.Id == registerId).Where(RegisterSync.KnownToOdoo<PosConfigSync>()),
            RegisterSync.Queued(SyncState.PendingCreate, clock.GetUtcNow()), forgetOdooId: true, cancellationToken: cancellationToken);

    /// <summary>
    /// The tenant's connection names another Odoo: every register is created there (a Pro
    /// tenant's). Leases end too, so a push to the old Odoo still in flight records nothing.
    /// </summary>
    public Task<int> ForgetOdooAsync(bool tenantIsPro, CancellationToken cancellationToken) =>
        WriteAsync(db.PosConfigs, RegisterSync.Queued(RegisterSync.StateAfterForgettingOdoo(tenantIsPro), clock.GetUtcNow()),
            forgetOdooId: true, endLeases: true, cancellationToken: cancellationToken);

    private static Task<int> WriteAsync(IQueryable<PosConfigSync> rows, RegisterSync after, Expression<Func<PosConfigSync, string>>? state = null,
        bool forgetOdooId = false, bool endLeases = false, CancellationToken cancellationToken = default) =>
        rows.ExecuteUpdateAsync(set =>
        {
            if (state is null)
            {
                set.SetProperty(row => row.SyncState, after.SyncState);
            }
            else
            {
                set.SetProperty(row => row.SyncState, state);
            }

            set.SetProperty(row => row.QueuedAt, after.QueuedAt)
                .SetProperty(row => row.Retries, after.Retries)
                .SetProperty(row => row.NextAttemptAt, after.NextAttemptAt)
                .SetProperty(row => row.SyncErrorMessage, after.SyncErrorMessage);
            if (forgetOdooId)
            {
                set.SetProperty(row => row.OdooPosConfigId, (int?)null);
            }

            if (endLeases)
            {
                set.SetProperty(row => row.ClaimToken, (Guid?)null)
                    .SetProperty(row => row.ClaimedBy, (string?)null)
                    .SetProperty(row => row.ClaimedAt, (DateTimeOffset?)null)
                    .SetProperty(row => row.ClaimedUntil, (DateTimeOffset?)null);
            }
        }, cancellationToken);
}
