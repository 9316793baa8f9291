using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;
using Npgsql;

namespace NixCafe.OdooSync.Features.OperatorConsole;

/// <summary>
/// The console's read model, across tenants (the operator's view; it reads the tenants' name and
/// plan beside this module's own tables). What it sorts and filters by comes from the small
/// indexes — due rows (<c>cafe_pos_configs_pending_push_idx</c>, <see cref="PushClaims.Due"/>), dead letters
/// (<c>cafe_pos_configs_dead_letter_idx</c>) and held registers (<c>cafe_pos_configs_awaiting_adoption_idx</c>) — for every tenant; the counts by state, which would
/// read every register, only for the page's tenants (<c>cafe_pos_configs_tenant_state_idx</c>).
/// Only constant SQL is interpolated: the sort's column comes from a fixed list.
/// </summary>
internal sealed class ListTenantOverviewsQueryHandler(OdooSyncDbContext db, TimeProvider clock, IOptions<OdooSyncOptions> options)
    : IRequestHandler<ListTenantOverviewsQuery, TenantOverviewPage>
{
    private static readonly Dictionary<string, string> SortColumns = new()
    {
        ["name"] = "lower(name)",
        ["plan"] = "plan",
        ["connection"] = "connection_rank",
        ["due"] = "due_now",
        ["oldest"] = "oldest_due",
        ["deadLetters"] = "dead_letters",
    };

    internal sealed record Row(
        Guid Id, string Name, string Plan, string Connection, int ConnectionRank, string? ConnectionError, string? BaseUrl, string? Database, string? Login,
        int DueNow, DateTimeOffset? OldestDue, int DeadLetters, bool NeedsAttention, bool Paused, DateTimeOffset? LastPushedAt, DateTimeOffset? LastDriftCheckAt,
        string? LastDriftCheckError, int DriftFindings, long Total);

    internal sealed record StateCount(Guid TenantId, string SyncState, int Count);

    public static string Sql(string sort, bool descending)
    {
        var direction = descending ? "DESC" : "ASC";
        return $"""
            WITH due AS (
                SELECT tenant_id, count(*)::int AS due_now, min(coalesce(odoo_queued_at, created_at)) AS oldest_due
                  FROM cafe.pos_configs
                 WHERE {PushClaims.Due("@now")}
                 GROUP BY tenant_id),
            dead AS (
                SELECT tenant_id, count(*)::int AS dead_letters
                  FROM cafe.pos_configs
                 WHERE sync_state = '{SyncState.SyncError}'
                 GROUP BY tenant_id),
            held AS (
                SELECT DISTINCT tenant_id
                  FROM cafe.pos_configs
                 WHERE sync_state = '{SyncState.AwaitingAdoption}'),
            drift AS (
                SELECT f.tenant_id, count(*)::int AS drift_findings
                  FROM odoo_sync.drift_findings f
                 WHERE NOT EXISTS (SELECT 1 FROM odoo_sync.ignored_odoo_records i WHERE i.tenant_id = f.tenant_id AND i.odoo_pos_config_id = f.odoo_pos_config_id)
                 GROUP BY f.tenant_id),
            overview AS (
                SELECT t.id, t.name, t.plan,
                       CASE WHEN c.tenant_id IS NULL THEN 'none' WHEN NOT c.enabled THEN 'disabled' WHEN NOT c.healthy THEN 'unhealthy' ELSE 'healthy' END AS connection,
                       CASE WHEN c.tenant_id IS NULL THEN 2 WHEN NOT c.enabled THEN 1 WHEN NOT c.healthy THEN 0 ELSE 3 END AS connection_rank,
                       CASE WHEN c.enabled AND NOT c.healthy THEN c.last_error END AS connection_error,
                       c.base_url, c.database, c.login,
                       coalesce(d.due_now, 0) AS due_now, d.oldest_due, coalesce(x.dead_letters, 0) AS dead_letters,
                       (coalesce(c.enabled AND NOT c.healthy, false) OR coalesce(x.dead_letters, 0) > 0 OR coalesce(d.oldest_due < @warnBefore, false)
                        OR coalesce(f.drift_findings, 0) > 0 OR c.last_drift_check_error IS NOT NULL OR h.tenant_id IS NOT NULL) AS needs_attention,
                       c.paused_at IS NOT NULL AS paused, c.last_pushed_at, c.last_drift_check_at, c.last_drift_check_error,
                       coalesce(f.drift_findings, 0) AS drift_findings
                  FROM commerce.tenants t
                  LEFT JOIN odoo_sync.tenant_connections c ON c.tenant_id = t.id
                  LEFT JOIN due d ON d.tenant_id = t.id
                  LEFT JOIN dead x ON x.tenant_id = t.id
                  LEFT JOIN drift f ON f.tenant_id = t.id
                  LEFT JOIN held h ON h.tenant_id = t.id
                 WHERE (@search::text IS NULL OR t.name ILIKE '%' || @search || '%')
                   AND (@tenant::uuid IS NULL OR t.id = @tenant))
            SELECT *, count(*) OVER () AS total
              FROM overview
             WHERE NOT @needsAttention OR needs_attention
             ORDER BY {SortColumns[sort]} {direction} NULLS LAST, lower(name), id
             LIMIT @limit OFFSET @offset
            """;
    }

    public async Task<TenantOverviewPage> Handle(ListTenantOverviewsQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var search = string.IsNullOrWhiteSpace(request.Search) ? null
            : request.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var rows = await db.Database.SqlQueryRaw<Row>(Sql(request.Sort, request.Descending),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("warnBefore", now - options.Value.DueAgeWarning),
                new NpgsqlParameter("search", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)search ?? DBNull.Value },
                new NpgsqlParameter("needsAttention", request.NeedsAttention),
                new NpgsqlParameter("tenant", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)request.TenantId ?? DBNull.Value },
                new NpgsqlParameter("limit", request.PageSize),
                new NpgsqlParameter("offset", (long)(request.Page - 1) * request.PageSize))
            .ToListAsync(cancellationToken);

        var ids = rows.Select(row => row.Id).ToArray();
        var counts = ids.Length == 0 ? [] : await db.Database.SqlQueryRaw<StateCount>("""
                SELECT tenant_id, sync_state, count(*)::int AS count
                  FROM cafe.pos_configs
                 WHERE tenant_id = ANY(@ids)
                 GROUP BY tenant_id, sync_state
                """, new NpgsqlParameter("ids", ids))
            .ToListAsync(cancellationToken);
        var byTenant = counts.ToLookup(count => count.TenantId);

        // An empty page past the end still says how many there are.
        var total = rows.Count > 0 ? rows[0].Total : await CountAsync(request, cancellationToken);
        return new TenantOverviewPage(request.Page, request.PageSize, total, rows.Select(row => new TenantOverview(
            row.Id, row.Name, row.Plan, row.Connection, row.ConnectionError, row.BaseUrl, row.Database, row.Login,
            byTenant[row.Id].ToDictionary(count => count.SyncState, count => count.Count),
            row.DueNow, row.OldestDue is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : null, row.DeadLetters, row.NeedsAttention,
            row.Paused, row.LastPushedAt, row.LastDriftCheckAt, row.LastDriftCheckError, row.DriftFindings)).ToList());
    }

    private async Task<long> CountAsync(ListTenantOverviewsQuery request, CancellationToken cancellationToken) =>
        request.Page == 1 ? 0 : (await Handle(request with { Page = 1, PageSize = 1 }, cancellationToken)).Total;
}
