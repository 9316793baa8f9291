using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Odoo;
using NixCafe.Shared.Application;
using NixCafe.Shared.Hosting;

namespace NixCafe.OdooSync.Persistence;

/// <summary>A due row as a drain leased it: what it pushes, and the state its outcome is conditional on.</summary>
internal class ClaimedRow
{
    public Guid Id { get; init; }

    public string State { get; init; } = "";

    public int Retries { get; init; }

    public int? OdooId { get; init; }

    public string Name { get; init; } = "";

    public bool IsActive { get; init; }

    /// <summary>When the row's latest change was queued: every edit of a synced or failed row sets it anew.</summary>
    public DateTimeOffset? QueuedAt { get; init; }
}

/// <summary>
/// One drain's lease on some rows. The token, not the host name, proves the lease is still this
/// drain's. It also remembers when each row's lease was last set and which rows have their outcome
/// recorded, so a drain asks the database only when it must.
/// </summary>
internal sealed class PushClaim(Guid token, IReadOnlyList<ClaimedRow> rows, bool moreDue, long leasedAt)
{
    private readonly Dictionary<Guid, long> _leasedAt = rows.ToDictionary(row => row.Id, _ => leasedAt);
    private readonly HashSet<Guid> _settled = [];

    public Guid Token => token;

    public IReadOnlyList<ClaimedRow> Rows => rows;

    /// <summary>Whether the tenant had more due rows than this claim took.</summary>
    public bool MoreDue => moreDue;

    /// <summary>Rows whose outcome is recorded: the claim no longer holds them.</summary>
    public void Settle(IEnumerable<Guid> ids) => _settled.UnionWith(ids);

    public IReadOnlyList<Guid> Unsettled() => rows.Select(row => row.Id).Where(id => !_settled.Contains(id)).ToList();

    /// <summary>How long ago (on this host's monotonic clock) the oldest of these rows' leases was set.</summary>
    public TimeSpan OldestLeaseAge(IEnumerable<Guid> ids) => ids.Select(id => Stopwatch.GetElapsedTime(_leasedAt[id])).DefaultIfEmpty().Max();

    public void Renewed(IEnumerable<Guid> ids, long at)
    {
        foreach (var id in ids)
        {
            _leasedAt[id] = at;
        }
    }
}

/// <summary>
/// The guard that keeps two drains (on one host or many) from pushing one row at once. A claim is
/// one committed statement (<c>FOR UPDATE SKIP LOCKED</c>, so concurrent drains take disjoint
/// rows), Odoo is called with no transaction open, and an outcome is recorded only while the
/// token still holds the row. Leases use the database's clock, so hosts' clocks need not agree;
/// a host that dies leaves leases that simply expire.
/// </summary>
internal sealed class PushClaims(OdooSyncDbContext db, ICurrentTenant tenant, IOptions<OdooSyncOptions> options, IOptions<OdooClientOptions> client)
{
    /// <summary>A claimed row as the claim statement returns it, with whether more rows were due.</summary>
    private sealed class ClaimedRowAndMore : ClaimedRow
    {
        public bool MoreDue { get; init; }
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> of the current tenant's due rows, oldest first, and
    /// says whether more were due (it looks at one row more than it takes), so a drain goes on
    /// only when there is something to go on with. The state and retry literals repeat the
    /// predicate of <c>cafe_pos_configs_pending_push_idx</c> on purpose: as parameters the planner
    /// could not prove the partial index applies.
    /// </summary>
    public async Task<PushClaim> ClaimAsync(int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Raw SQL is not filtered: the tenant comes from the scope, as the filters' does.
        var tenantId = tenant.Id;
        var token = Guid.NewGuid();
        var lease = options.Value.ClaimLease;
        var leasedAt = Stopwatch.GetTimestamp();
        // RETURNING has no order of its own: the outer SELECT keeps creates in the order they were made.
        var rows = await db.Database.SqlQuery<ClaimedRowAndMore>($"""
                WITH due AS (
                    SELECT id, created_at FROM cafe.pos_configs
                     WHERE tenant_id = {tenantId}
                       AND sync_state IN ('pending_create', 'pending_update') AND odoo_sync_retries < 5
                       AND (odoo_next_attempt_at IS NULL OR odoo_next_attempt_at <= {now})
                       AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
                     ORDER BY created_at, id
                     LIMIT {limit + 1}
                       FOR UPDATE SKIP LOCKED),
                batch AS (SELECT id FROM due ORDER BY created_at, id LIMIT {limit}),
                claimed AS (
                    UPDATE cafe.pos_configs AS row
                       SET claim_token = {token}, claimed_by = {HostIdentity.Name},
                           claimed_at = clock_timestamp(), claimed_until = clock_timestamp() + {lease}
                      FROM batch
                     WHERE row.id = batch.id
                    RETURNING row.*)
                SELECT id, sync_state AS state, odoo_sync_retries AS retries,
                       odoo_pos_config_id AS odoo_id, name, is_active, odoo_queued_at AS queued_at,
                       (SELECT count(*) FROM due) > {limit} AS more_due
                  FROM claimed
                 ORDER BY created_at, id
                """)
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
