using System.Globalization;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Odoo;
using NixCafe.Shared.Application;
using NixCafe.Shared.Hosting;
using Npgsql;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// The guard that keeps two drains (on one host or many) from pushing one row at once. A claim is
/// one committed statement (<c>FOR UPDATE SKIP LOCKED</c>, so concurrent drains take disjoint
/// rows), Odoo is called with no transaction open, and an outcome is recorded only while the
/// token still holds the row. Leases use the database's clock, so hosts' clocks need not agree;
/// a host that dies leaves leases that simply expire.
/// <para>
/// It also holds <see cref="RegisterSync.IsDue"/> in SQL (<see cref="Due"/>): what a claim takes is
/// the one definition the tick's tenant selector and the queue's health check share too. Its
/// states and threshold are written into the statements as literals, not parameters: PostgreSQL
/// uses the partial index <c>cafe_pos_configs_pending_push_idx</c> only when it can prove that the
/// query implies the index's predicate, and a parameter proves nothing in a plan made for any
/// value (a generic plan, as a prepared statement gets). A test checks the generic plans of the
/// three selectors against the index as its migrations made it (<c>docs/design.md</c> describes
/// the index).
/// </para>
/// </summary>
internal sealed class PushClaims(OdooSyncDbContext db, ICurrentTenant tenant, IOptions<OdooSyncOptions> options, IOptions<OdooClientOptions> client)
{
    /// <summary>The claim statement; only constant SQL (the due predicate) is interpolated, values go as parameters.</summary>
    internal static readonly string ClaimSql = $"""
        WITH due AS (
            SELECT id, created_at, sync_state FROM cafe.pos_configs
             WHERE tenant_id = @tenant
               AND {Due("@now")}
               AND {Unleased()}
             ORDER BY created_at, id
             LIMIT @lookAhead
               FOR UPDATE SKIP LOCKED),
        batch AS (
            SELECT id FROM (
                SELECT id, sync_state, row_number() OVER (PARTITION BY sync_state = '{SyncState.PendingCreate}' ORDER BY created_at, id) AS place
                  FROM due) AS ranked
             WHERE place <= CASE WHEN sync_state = '{SyncState.PendingCreate}' THEN @creates ELSE @updates END),
        claimed AS (
            UPDATE cafe.pos_configs AS row
               SET claim_token = @token, claimed_by = @host,
                   claimed_at = clock_timestamp(), claimed_until = clock_timestamp() + @lease
              FROM batch
             WHERE row.id = batch.id
            RETURNING row.*)
        SELECT id, sync_state AS state, odoo_sync_retries AS retries,
               odoo_pos_config_id AS odoo_id, name, is_active, odoo_queued_at AS queued_at,
               (SELECT count(*) FROM due) > (SELECT count(*) FROM batch) AS more_due
          FROM claimed
         ORDER BY created_at, id
        """;

    /// <summary>A claimed row as the claim statement returns it, with whether more rows were due.</summary>
    private sealed class ClaimedRowAndMore : ClaimedRow
    {
        public bool MoreDue { get; init; }
    }

    /// <summary>
    /// Pending and not dead-lettered: the index's predicate. <paramref name="alias"/> qualifies the
    /// columns ("" for none).
    /// </summary>
    public static string Pending(string alias = "")
    {
        var column = alias.Length == 0 ? "" : alias + ".";
        var states = string.Join(", ", SyncState.Pending.Select(state => $"'{state}'"));
        return $"{column}sync_state IN ({states}) AND {column}odoo_sync_retries < {RetrySchedule.DeadLetterAt.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Due at <paramref name="nowParameter"/> (an SQL parameter's name, e.g. <c>@now</c>): pending,
    /// not dead-lettered, its wait over.
    /// </summary>
    public static string Due(string nowParameter, string alias = "")
    {
        var column = alias.Length == 0 ? "" : alias + ".";
        return $"{Pending(alias)} AND ({column}odoo_next_attempt_at IS NULL OR {column}odoo_next_attempt_at <= {nowParameter})";
    }

    /// <summary>
    /// No drain holds the row: never leased, or its lease ran out (compared with the database's
    /// clock, as the claims that set leases are, so hosts' clocks need not agree).
    /// </summary>
    public static string Unleased(string alias = "")
    {
        var column = alias.Length == 0 ? "" : alias + ".";
        return $"({column}claimed_until IS NULL OR {column}claimed_until < clock_timestamp())";
    }

    /// <summary>
    /// Leases up to <paramref name="creates"/> of the current tenant's due creates and up to
    /// <paramref name="updates"/> of its due updates, oldest first, and says whether more were due
    /// (it looks at one row more than it can take), so a drain goes on only when there is
    /// something to go on with. Due is <see cref="Due"/>, written into the statement so that the
    /// partial index serves it.
    /// </summary>
    public async Task<PushClaim> ClaimAsync(int creates, int updates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leasedAt = Stopwatch.GetTimestamp();
        var token = Guid.NewGuid();
        // Raw SQL is not filtered: the tenant comes from the scope, as the filters' does.
        // RETURNING has no order of its own: the outer SELECT keeps creates in the order they were made.
        var rows = await db.Database.SqlQueryRaw<ClaimedRowAndMore>(ClaimSql,
                new NpgsqlParameter("tenant", tenant.Id), new NpgsqlParameter("now", now), new NpgsqlParameter("lookAhead", creates + updates + 1),
                new NpgsqlParameter("creates", creates), new NpgsqlParameter("updates", updates), new NpgsqlParameter("token", token),
                new NpgsqlParameter("host", HostIdentity.Name), new NpgsqlParameter("lease", options.Value.ClaimLease))
            .ToListAsync(cancellationToken);
        return new PushClaim(token, rows, rows.Any(row => row.MoreDue), leasedAt);
    }

    /// <summary>
    /// Makes sure the rows about to be pushed stay leased for the whole of an Odoo call, and returns
    /// those the claim still holds. Called right before each call: a call is bounded by the call
    /// timeout, so while every lease was set less than the lease minus two call timeouts ago, the
    /// rows are certainly still this claim's and nothing is asked of the database; otherwise their
    /// leases are extended, which also tells which rows another drain took after a lease ran out.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> RenewAsync(PushClaim claim, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (claim.OldestLeaseAge(ids) < options.Value.ClaimLease - 2 * client.Value.CallTimeout)
        {
            return ids.ToHashSet();
        }

        var array = ids.ToArray();
        var renewedAt = Stopwatch.GetTimestamp();
        var held = await db.Database.SqlQuery<Guid>($"""
                UPDATE cafe.pos_configs SET claimed_until = clock_timestamp() + {options.Value.ClaimLease}
                 WHERE id = ANY({array}) AND claim_token = {claim.Token} AND tenant_id = {tenant.Id}
                RETURNING id AS "Value"
                """)
            .ToListAsync(cancellationToken);
        claim.Renewed(held, renewedAt);
        return held.ToHashSet();
    }

    /// <summary>
    /// Records pushed rows in one statement, as <see cref="RegisterSync.StateAfterPush"/> says: a
    /// row whose name or active flag changed during the flight goes back to pending_update, so the
    /// edit is not lost. An outcome applies only while this claim holds the row and the row is
    /// still in the state the drain read (an operator may have asked for a re-create meanwhile);
    /// the rows recorded are settled and returned.
    /// </summary>
    public async Task<IReadOnlyList<RecordedPush>> RecordPushedAsync(PushClaim claim, IReadOnlyList<(ClaimedRow Row, int OdooId)> pushed, CancellationToken cancellationToken)
    {
        if (pushed.Count == 0)
        {
            return [];
        }

        var ids = pushed.Select(push => push.Row.Id).ToArray();
        var odooIds = pushed.Select(push => push.OdooId).ToArray();
        var names = pushed.Select(push => push.Row.Name).ToArray();
        var actives = pushed.Select(push => push.Row.IsActive).ToArray();
        var states = pushed.Select(push => push.Row.State).ToArray();
        var inStep = RegisterSync.StateAfterPush(changedDuringTheFlight: false);
        var changed = RegisterSync.StateAfterPush(changedDuringTheFlight: true);
        // The tenant's last successful push is stamped by the same statement: no round trip of its own.
        var recorded = await db.Database.SqlQuery<RecordedPush>($"""
                WITH recorded AS (
                    UPDATE cafe.pos_configs AS row
                       SET odoo_pos_config_id = pushed.odoo_id,
                           sync_state = CASE WHEN row.name = pushed.name AND row.is_active = pushed.active THEN {inStep} ELSE {changed} END,
                           odoo_sync_retries = 0, odoo_next_attempt_at = NULL, sync_error_message = NULL,
                           claim_token = NULL, claimed_by = NULL, claimed_at = NULL, claimed_until = NULL
                      FROM unnest({ids}, {odooIds}, {names}, {actives}, {states}) AS pushed(id, odoo_id, name, active, read_state)
                     WHERE row.id = pushed.id AND row.claim_token = {claim.Token} AND row.sync_state = pushed.read_state AND row.tenant_id = {tenant.Id}
                    RETURNING row.id, pushed.read_state, row.sync_state AS state),
                stamped AS (
                    UPDATE odoo_sync.tenant_connections SET last_pushed_at = clock_timestamp()
                     WHERE tenant_id = {tenant.Id} AND EXISTS (SELECT 1 FROM recorded))
                SELECT id, read_state, state FROM recorded
                """)
            .ToListAsync(cancellationToken);
        claim.Settle(recorded.Select(row => row.Id));
        return recorded;
    }

    /// <summary>
    /// Records a failed push of one row as <paramref name="after"/> (what <see cref="RegisterSync.RecordFailure"/>
    /// made of the claimed row). A failure belongs to what was pushed: it is recorded only while the
    /// claim holds the row and the row still holds what was pushed (its state, name, active flag
    /// and queued time), so an edit made during the flight goes out at the next drain instead of
    /// taking the failure. Answers whether it was recorded.
    /// </summary>
    public async Task<bool> RecordFailureAsync(PushClaim claim, ClaimedRow row, RegisterSync after, CancellationToken cancellationToken)
    {
        var recorded = await db.PosConfigs
            .Where(r => r.Id == row.Id && r.ClaimToken == claim.Token && r.SyncState == row.State
                        && r.QueuedAt == row.QueuedAt && r.Name == row.Name && r.IsActive == row.IsActive)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.SyncState, after.SyncState)
                .SetProperty(r => r.Retries, after.Retries)
                .SetProperty(r => r.NextAttemptAt, after.NextAttemptAt)
                .SetProperty(r => r.SyncErrorMessage, after.SyncErrorMessage)
                .SetProperty(r => r.ClaimToken, (Guid?)null)
                .SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        if (recorded == 1)
        {
            claim.Settle([row.Id]);
        }

        return recorded == 1;
    }

    /// <summary>Gives back whatever the claim still holds (rows left unpushed), so no host waits for the lease.</summary>
    public Task ReleaseAsync(PushClaim claim)
    {
        var ids = claim.Unsettled().ToArray();
        return ids.Length == 0
            ? Task.CompletedTask
            : db.PosConfigs
                .Where(row => ids.Contains(row.Id) && row.ClaimToken == claim.Token)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(row => row.ClaimToken, (Guid?)null)
                    .SetProperty(row => row.ClaimedBy, (string?)null)
                    .SetProperty(row => row.ClaimedAt, (DateTimeOffset?)null)
                    .SetProperty(row => row.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }
}
