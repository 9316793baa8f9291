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
/// one → pending_create (<see cref="RepairDrift"/>). A register pending or in flight is not drift.</item>
/// </list>
/// Many registers move at once in set-based statements (a claim, a batch's outcomes, a tenant's
/// move to Pro): those filter with the guards below (expressions, so SQL and memory share them)
/// and write the values these methods give, never a rule of their own.
/// </summary>
internal sealed class RegisterSync : IRegisterSyncRow
{
    private static readonly Func<IRegisterSyncRow, bool> UpdateGoesOutAlone = UpdatableOnItsOwn<IRegisterSyncRow>().Compile();

    private static readonly Func<IRegisterSyncRow, bool> LacksAnOdooRecord = MissingFromOdoo<IRegisterSyncRow>().Compile();

    private static readonly Func<IRegisterSyncRow, string> StateOfARequeue = RequeuedState<IRegisterSyncRow>().Compile();

    private static readonly Func<IRegisterSyncRow, bool> CarriedByItsCreate = WaitingForItsCreate<IRegisterSyncRow>().Compile();

    private static readonly Func<IRegisterSyncRow, bool> IsDeadLettered = DeadLettered<IRegisterSyncRow>().Compile();

    private static readonly Func<IRegisterSyncRow, bool> HadAnOdooRecord = KnownToOdoo<IRegisterSyncRow>().Compile();

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
    /// <see cref="DuePredicate"/>, which says the same in SQL.
    /// </summary>
    public bool IsDue(DateTimeOffset now) =>
        Domain.SyncState.Pending.Contains(SyncState) && Retries < RetrySchedule.DeadLetterAt && (NextAttemptAt is null || NextAttemptAt <= now);

    /// <summary>Guard of queueing an update: Odoo has the register and no create waits (a waiting create carries the change).</summary>
    public static Expression<Func<T, bool>> UpdatableOnItsOwn<T>() where T : class, IRegisterSyncRow =>
        row => row.OdooPosConfigId != null && row.SyncState != Domain.SyncState.PendingCreate;

    /// <summary>Guard of a change carried by the create that waits for the register.</summary>
    public static Expression<Func<T, bool>> WaitingForItsCreate<T>() where T : class, IRegisterSyncRow =>
        row => row.SyncState == Domain.SyncState.PendingCreate;

    /// <summary>Guard of queueing a create when a tenant moves to Pro: Odoo lacks the register, and no create waits already.</summary>
    public static Expression<Func<T, bool>> MissingFromOdoo<T>() where T : class, IRegisterSyncRow =>
        row => row.OdooPosConfigId == null && row.SyncState != Domain.SyncState.PendingCreate;

    /// <summary>Guard of a re-create: Odoo had the register (and has deleted it since).</summary>
    public static Expression<Func<T, bool>> KnownToOdoo<T>() where T : class, IRegisterSyncRow =>
        row => row.OdooPosConfigId != null;

    /// <summary>Guard of a requeue: the register is dead-lettered.</summary>
    public static Expression<Func<T, bool>> DeadLettered<T>() where T : class, IRegisterSyncRow =>
        row => row.SyncState == Domain.SyncState.SyncError;

    /// <summary>A requeued dead letter is created where Odoo lacks it, else updated.</summary>
    public static Expression<Func<T, string>> RequeuedState<T>() where T : class, IRegisterSyncRow =>
        row => row.OdooPosConfigId == null ? Domain.SyncState.PendingCreate : Domain.SyncState.PendingUpdate;

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
    /// as the register has it, a deleted one created again. An unknown record is never touched,
    /// and a register that moved since the check (an edit, a push) is left to the queue. Answers
    /// whether the register was queued.
    /// </summary>
    public bool RepairDrift(string kind, DateTimeOffset now)
    {
        if (!ComparableWithOdoo(this))
        {
            return false;
        }

        switch (kind)
        {
            case DriftKind.Deleted:
                return RecreateInOdoo(now);
            case DriftKind.Renamed or DriftKind.Archived or DriftKind.Unarchived:
                Queue(Domain.SyncState.PendingUpdate, now);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A register just moved into <paramref name="state"/> (a pending one, or synced for a tenant
    /// with no Odoo): what every queueing transition writes, for one register or many.
    /// </summary>
    public static RegisterSync Queued(string state, DateTimeOffset now)
    {
        var register = Restore(state);
        register.Queue(state, now);
        return register;
    }

    /// <summary>A new register of a Pro tenant must be created in Odoo; a Starter tenant's has nothing to sync.</summary>
    public static RegisterSync Created(bool tenantIsPro, DateTimeOffset now) =>
        tenantIsPro ? Queued(Domain.SyncState.PendingCreate, now) : Restore(Domain.SyncState.Synced);

    /// <summary>The tenant moved to Pro: a register Odoo lacks is queued for its create (with a fresh set of retries).</summary>
    public bool QueueCreate(DateTimeOffset now)
    {
        if (!LacksAnOdooRecord(this))
        {
            return false;
        }

        Queue(Domain.SyncState.PendingCreate, now);
        return true;
    }

    /// <summary>
    /// A rename, deactivation or reactivation. A register Odoo has is queued for an update with a
    /// fresh set of retries and no error (a dead letter included); a register waiting for its
    /// create is left as it is, the create carrying the latest name and flag. Answers whether a
    /// drain has something to push.
    /// </summary>
    public bool QueueUpdate(DateTimeOffset now)
    {
        if (UpdateGoesOutAlone(this))
        {
            Queue(Domain.SyncState.PendingUpdate, now);
            return true;
        }

        return CarriedByItsCreate(this);
    }

    /// <summary>Odoo took the push. A register changed during the flight goes back to pending_update, so the change is never lost.</summary>
    public void RecordPushed(int odooPosConfigId, bool changedDuringTheFlight)
    {
        OdooPosConfigId = odooPosConfigId;
        SyncState = StateAfterPush(changedDuringTheFlight);
        ClearRetries();
    }

    /// <summary>The state a pushed register is left in (the batch statement writes it for many at once).</summary>
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

    /// <summary>Someone asks a dead letter to be tried again: a fresh set of retries.</summary>
    public bool RequeueDeadLetter(DateTimeOffset now)
    {
        if (!IsDeadLettered(this))
        {
            return false;
        }

        Queue(StateOfARequeue(this), now);
        return true;
    }

    /// <summary>The register's record was deleted in Odoo: forget its id and create it again.</summary>
    public bool RecreateInOdoo(DateTimeOffset now)
    {
        if (!HadAnOdooRecord(this))
        {
            return false;
        }

        OdooPosConfigId = null;
        Queue(Domain.SyncState.PendingCreate, now);
        return true;
    }

    /// <summary>The tenant's connection now names another Odoo, which knows none of its registers: each is created there (a Pro tenant's).</summary>
    public void ForgetOdoo(bool tenantIsPro, DateTimeOffset now)
    {
        OdooPosConfigId = null;
        Queue(StateAfterForgettingOdoo(tenantIsPro), now);
    }

    /// <summary>The state of every register of a tenant whose connection moved to another Odoo.</summary>
    public static string StateAfterForgettingOdoo(bool tenantIsPro) =>
        tenantIsPro ? Domain.SyncState.PendingCreate : Domain.SyncState.Synced;

    /// <summary>Every move into a pending state starts the wait afresh: retries, error and backoff cleared, queued now.</summary>
    private void Queue(string state, DateTimeOffset now)
    {
        SyncState = state;
        QueuedAt = now;
        ClearRetries();
    }

    private void ClearRetries()
    {
        Retries = 0;
        NextAttemptAt = null;
        SyncErrorMessage = null;
    }
}
