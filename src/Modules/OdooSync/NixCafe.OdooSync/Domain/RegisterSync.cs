using System.Linq.Expressions;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.OdooSync.Domain;

/// <summary>
/// The sync of one register with its tenant's Odoo: the one place that says which states a
/// register has (<see cref="SyncState"/>), how it moves between them, when a drain may push it
/// (<see cref="IsDue"/>) and when it stops trying (<see cref="RetrySchedule"/>).
/// <list type="bullet">
/// <item>a new register of a Pro tenant → pending_create (a Starter tenant's stays synced); a move
/// to Pro, a re-create after Odoo deleted it, a connection moved to another Odoo → pending_create;</item>
/// <item>a rename or (de)activation of a register Odoo has → pending_update (a waiting create
/// carries it instead); every move into a pending state starts with fresh retries and no error;</item>
/// <item>pushed → synced, or pending_update when the register changed during the flight;</item>
/// <item>a transient failure → stays pending, waits 1, 5, 15, 60 minutes, sync_error at the 5th;
/// a record failure → sync_error at once; a tenant failure → nothing (no retry spent);</item>
/// <item>a requeued dead letter → pending_create where Odoo lacks it, else pending_update.</item>
/// <item>a drift check compares a synced register with its record as Odoo has it (<see cref="DriftFrom"/>);
/// under the repair policy a renamed, archived or un-archived record → pending_update, a deleted
/// one → pending_create (<see cref="RepairDrift{T}"/>). A register pending or in flight is not drift.</item>
/// </list>
/// The moves into a waiting state are <see cref="QueueTransition{T}"/>s, each defined once below
/// as expressions: a statement applies them to many rows at once (a tenant's move to Pro, a
/// requeue of all dead letters), and <see cref="Apply"/> to one register. A batch's outcomes are
/// recorded by one statement too, writing <see cref="StateAfterPush"/>; a failure is recorded one
/// register at a time through <see cref="RecordFailure"/>.
/// </summary>
internal sealed class RegisterSync : IRegisterSyncRow
{
    private static readonly Func<IRegisterSyncRow, bool> ComparableWithOdoo = DriftCheckable<IRegisterSyncRow>().Compile();

    private RegisterSync(string state, int? odooPosConfigId, int retries, DateTimeOffset? nextAttemptAt, string? syncErrorMessage, DateTimeOffset? queuedAt)
    {
        SyncState = state;
        OdooPosConfigId = odooPosConfigId;
        Retries = retries;
        NextAttemptAt = nextAttemptAt;
        SyncErrorMessage = syncErrorMessage;
        QueuedAt = queuedAt;
    }

    public string SyncState { get; private set; }

    /// <summary>The database id of the register's <c>pos.config</c> in the tenant's Odoo, once Odoo has one.</summary>
    public int? OdooPosConfigId { get; private set; }

    /// <summary>Consecutive failed pushes of the change that waits now.</summary>
    public int Retries { get; private set; }

    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Why the last push failed, as <c>name: message</c>.</summary>
    public string? SyncErrorMessage { get; private set; }

    /// <summary>Since when the register has waited for a push (set on every move into a pending state).</summary>
    public DateTimeOffset? QueuedAt { get; private set; }

    /// <summary>A register as it stands (read from its row or its claim).</summary>
    public static RegisterSync Restore(string state, int? odooPosConfigId = null, int retries = 0, DateTimeOffset? nextAttemptAt = null,
        string? syncErrorMessage = null, DateTimeOffset? queuedAt = null) =>
        new(state, odooPosConfigId, retries, nextAttemptAt, syncErrorMessage, queuedAt);

    /// <summary>
    /// A register a drain may push now: pending, not dead-lettered, its wait over. (A register
    /// another drain has leased is pushed by that drain: see the claims.) Set-based statements use
    /// <see cref="Persistence.PushClaims.Due"/>, which says the same in SQL (a test checks the two
    /// agree row by row).
    /// </summary>
    public bool IsDue(DateTimeOffset now) =>
        Domain.SyncState.Pending.Contains(SyncState) && Retries < RetrySchedule.DeadLetterAt && (NextAttemptAt is null || NextAttemptAt <= now);

    /// <summary>A new register: a Pro tenant's must be created in Odoo; a Starter tenant's has nothing to sync.</summary>
    public static QueueTransition<T> Create<T>(bool tenantIsPro) where T : class, IRegisterSyncRow =>
        tenantIsPro
            ? new(row => true, row => Domain.SyncState.PendingCreate)
            : new(row => true, row => Domain.SyncState.Synced) { StartsAWait = false };

    /// <summary>The tenant moved to Pro: a register Odoo lacks is queued for its create, unless one waits already.</summary>
    public static QueueTransition<T> QueueCreate<T>() where T : class, IRegisterSyncRow =>
        new(row => row.OdooPosConfigId == null && row.SyncState != Domain.SyncState.PendingCreate, row => Domain.SyncState.PendingCreate);

    /// <summary>
    /// A rename, deactivation or reactivation of a register Odoo has: queued for an update with a
    /// fresh set of retries and no error (a dead letter included). A register that waits for its
    /// create is left to it (<see cref="CarriedByItsCreate"/>).
    /// </summary>
    public static QueueTransition<T> QueueUpdate<T>() where T : class, IRegisterSyncRow =>
        new(row => row.OdooPosConfigId != null && row.SyncState != Domain.SyncState.PendingCreate, row => Domain.SyncState.PendingUpdate);

    /// <summary>A change of a register that waits for its create: the create carries the latest name and active flag.</summary>
    public static Expression<Func<T, bool>> CarriedByItsCreate<T>() where T : class, IRegisterSyncRow =>
        row => row.SyncState == Domain.SyncState.PendingCreate;

    /// <summary>A dead-lettered register: no drain tries it until it is requeued or changed.</summary>
    public static Expression<Func<T, bool>> DeadLettered<T>() where T : class, IRegisterSyncRow =>
        row => row.SyncState == Domain.SyncState.SyncError;

    /// <summary>Someone asks a dead letter to be tried again: created where Odoo lacks it, else updated, with a fresh set of retries.</summary>
    public static QueueTransition<T> RequeueDeadLetter<T>() where T : class, IRegisterSyncRow =>
        new(DeadLettered<T>(), row => row.OdooPosConfigId == null ? Domain.SyncState.PendingCreate : Domain.SyncState.PendingUpdate);

    /// <summary>The register's record was deleted in Odoo: its id forgotten, it is created again (only a register Odoo had).</summary>
    public static QueueTransition<T> RecreateInOdoo<T>() where T : class, IRegisterSyncRow =>
        new(row => row.OdooPosConfigId != null, row => Domain.SyncState.PendingCreate) { ForgetsOdooId = true };

    /// <summary>
    /// Guard of a drift check and of its repairs: Odoo has the register and nothing of it waits
    /// or flies (only synced rows are: a claim takes pending rows only). A pending or dead-lettered
    /// register is the queue's business, not drift.
    /// </summary>
    public static Expression<Func<T, bool>> DriftCheckable<T>() where T : class, IRegisterSyncRow =>
        row => row.OdooPosConfigId != null && row.SyncState == Domain.SyncState.Synced;

    /// <summary>
    /// How Odoo's record (<paramref name="record"/>, null when Odoo no longer has it) disagrees
    /// with the register named <paramref name="name"/>, active or not: one kind per record, the
    /// active flag first (a record both archived and renamed reads as archived; the repair of
    /// either pushes both). Null when the two agree or the register is not checkable.
    /// </summary>
    public string? DriftFrom(string name, bool isActive, OdooPosConfigRecord? record)
    {
        if (!ComparableWithOdoo(this))
        {
            return null;
        }

        if (record is null)
        {
            return DriftKind.Deleted;
        }

        if (record.Active != isActive)
        {
            return isActive ? DriftKind.Archived : DriftKind.Unarchived;
        }

        return record.Name == name ? null : DriftKind.Renamed;
    }

    /// <summary>
    /// NixCafe wins (the repair policy): a renamed, archived or un-archived record is pushed again
    /// as the register has it, a deleted one created again under no id. Only a register the check
    /// could compare: one that moved since (an edit, a push) is left to the queue. An unknown
    /// record is never touched: null.
    /// </summary>
    public static QueueTransition<T>? RepairDrift<T>(string kind) where T : class, IRegisterSyncRow => kind switch
    {
        DriftKind.Deleted => new(DriftCheckable<T>(), row => Domain.SyncState.PendingCreate) { ForgetsOdooId = true },
        DriftKind.Renamed or DriftKind.Archived or DriftKind.Unarchived => new(DriftCheckable<T>(), row => Domain.SyncState.PendingUpdate),
        _ => null,
    };

    /// <summary>
    /// The tenant's connection now names another Odoo, which knows none of its registers: every
    /// register forgets its id and a Pro tenant's is created there; a push to the old Odoo still in
    /// flight is disowned.
    /// </summary>
    public static QueueTransition<T> ForgetOdoo<T>(bool tenantIsPro) where T : class, IRegisterSyncRow =>
        tenantIsPro
            ? new(row => true, row => Domain.SyncState.PendingCreate) { ForgetsOdooId = true, EndsLease = true }
            : new(row => true, row => Domain.SyncState.Synced) { ForgetsOdooId = true, EndsLease = true, StartsAWait = false };

    /// <summary>Applies <paramref name="transition"/> to this register; answers whether it held.</summary>
    public bool Apply(QueueTransition<RegisterSync> transition, DateTimeOffset now)
    {
        if (!transition.Holds(this))
        {
            return false;
        }

        SyncState = transition.StateOf(this);
        OdooPosConfigId = transition.ForgetsOdooId ? null : OdooPosConfigId;
        QueuedAt = transition.StartsAWait ? now : QueuedAt;
        ClearRetries();
        return true;
    }

    /// <summary>
    /// The state a register Odoo took is left in: synced, or pending_update when it changed during
    /// the flight, so the change is never lost. Either way its retries, wait and error are cleared.
    /// </summary>
    public static string StateAfterPush(bool changedDuringTheFlight) =>
        changedDuringTheFlight ? Domain.SyncState.PendingUpdate : Domain.SyncState.Synced;

    /// <summary>
    /// A failed push. A transient failure waits out the retry schedule and dead-letters at the
    /// fifth; a record failure (Odoo refuses the payload) dead-letters at once; a tenant failure
    /// (credentials, rights, database, URL) is not the register's: it spends no retry and changes
    /// nothing here (the tenant's connection pauses instead). Answers whether anything changed.
    /// </summary>
    public bool RecordFailure(OdooErrorKind kind, string reason, DateTimeOffset now, double jitter)
    {
        if (kind == OdooErrorKind.Tenant)
        {
            return false;
        }

        Retries++;
        NextAttemptAt = kind == OdooErrorKind.Transient ? RetrySchedule.NextAttempt(Retries, now, jitter) : null;
        SyncState = NextAttemptAt is null ? Domain.SyncState.SyncError : SyncState;
        SyncErrorMessage = reason;
        return true;
    }

    private void ClearRetries()
    {
        Retries = 0;
        NextAttemptAt = null;
        SyncErrorMessage = null;
    }
}
