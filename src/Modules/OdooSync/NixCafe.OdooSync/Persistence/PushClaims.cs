using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.Shared.Application;
using NixCafe.Shared.Hosting;

namespace NixCafe.OdooSync.Persistence;

/// <summary>A due row as a drain leased it: what it pushes, and the state its outcome is conditional on.</summary>
internal sealed class ClaimedRow
{
    public Guid Id { get; init; }

    public string State { get; init; } = "";

    public int Retries { get; init; }

    public int? OdooId { get; init; }

    public string Name { get; init; } = "";

    public bool IsActive { get; init; }
}

/// <summary>One drain's lease on some rows. The token, not the host name, proves the lease is still this drain's.</summary>
internal sealed record PushClaim(Guid Token, IReadOnlyList<ClaimedRow> Rows);

/// <summary>
/// The guard that keeps two drains (on one host or many) from pushing one row at once. A claim is
/// one committed statement (<c>FOR UPDATE SKIP LOCKED</c>, so concurrent drains take disjoint
/// rows), Odoo is called with no transaction open, and an outcome is recorded only while the
/// token still holds the row. Leases use the database's clock, so hosts' clocks need not agree;
/// a host that dies leaves leases that simply expire.
/// </summary>
internal sealed class PushClaims(OdooSyncDbContext db, ICurrentTenant tenant, IOptions<OdooSyncOptions> options)
{
    /// <summary>
    /// Leases up to <paramref name="limit"/> of the current tenant's due rows, oldest first. The
    /// state and retry literals repeat the predicate of <c>cafe_pos_configs_pending_push_idx</c> on
    /// purpose: as parameters the planner could not prove the partial index applies.
    /// </summary>
    public async Task<PushClaim> ClaimAsync(int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Raw SQL is not filtered: the tenant comes from the scope, as the filters' does.
        var tenantId = tenant.Id;
        var token = Guid.NewGuid();
        var lease = options.Value.ClaimLease;
        // RETURNING has no order of its own: the outer SELECT keeps creates in the order they were made.
        var rows = await db.Database.SqlQuery<ClaimedRow>($"""
                WITH due AS (
                    SELECT id FROM cafe.pos_configs
                     WHERE tenant_id = {tenantId}
                       AND sync_state IN ('pending_create', 'pending_update') AND odoo_sync_retries < 5
                       AND (odoo_next_attempt_at IS NULL OR odoo_next_attempt_at <= {now})
                       AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
                     ORDER BY created_at, id
                     LIMIT {limit}
                       FOR UPDATE SKIP LOCKED),
                claimed AS (
                    UPDATE cafe.pos_configs AS row
                       SET claim_token = {token}, claimed_by = {HostIdentity.Name},
                           claimed_at = clock_timestamp(), claimed_until = clock_timestamp() + {lease}
                      FROM due
                     WHERE row.id = due.id
                    RETURNING row.*)
                SELECT id AS "Id", sync_state AS "State", odoo_sync_retries AS "Retries",
                       odoo_pos_config_id AS "OdooId", name AS "Name", is_active AS "IsActive"
                  FROM claimed
                 ORDER BY created_at, id
                """)
            .ToListAsync(cancellationToken);
        return new PushClaim(token, rows);
    }

    /// <summary>
    /// Extends the lease of rows about to be pushed and returns those the claim still holds. Called
    /// right before each Odoo call, so a call (bounded by the call timeout, which must be well under
    /// the lease) always ends before another drain may take its rows.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> RenewAsync(PushClaim claim, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var array = ids.ToArray();
        var held = await db.Database.SqlQuery<Guid>($"""
                UPDATE cafe.pos_configs SET claimed_until = clock_timestamp() + {options.Value.ClaimLease}
                 WHERE id = ANY({array}) AND claim_token = {claim.Token} AND tenant_id = {tenant.Id}
                RETURNING id AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return held.ToHashSet();
    }

    /// <summary>Gives back whatever the claim still holds (rows left unpushed), so no host waits for the lease.</summary>
    public Task ReleaseAsync(PushClaim claim)
    {
        var ids = claim.Rows.Select(row => row.Id).ToArray();
        return db.PosConfigs
            .Where(row => ids.Contains(row.Id) && row.ClaimToken == claim.Token)
            .ExecuteUpdateAsync(set => set
                .SetProperty(row => row.ClaimToken, (Guid?)null)
                .SetProperty(row => row.ClaimedBy, (string?)null)
                .SetProperty(row => row.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(row => row.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }
}
