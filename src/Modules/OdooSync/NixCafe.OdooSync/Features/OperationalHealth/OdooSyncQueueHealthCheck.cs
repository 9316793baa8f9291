using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Persistence;
using NixCafe.Tenants.Contracts;
using Npgsql;

namespace NixCafe.OdooSync.Features.OperationalHealth;

/// <summary>
/// How long the oldest row that should be on its way to Odoo has waited. Only Pro tenants with a
/// working connection count: a tenant whose Odoo is switched off or broken is shown on its own
/// status, not as a host problem, and a tenant moved to Starter keeps its waiting rows without
/// being drained. Reads across tenants on purpose (raw SQL, no tenant scope) and answers only
/// totals, never a tenant's rows.
/// </summary>
internal sealed class OdooSyncQueueHealthCheck(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OdooSyncOptions> options) : IHealthCheck
{
    /// <summary>Due rows per tenant with a working connection; only constant SQL (the due predicate) is interpolated.</summary>
    internal static readonly string Sql = $"""
        SELECT p.tenant_id, count(*) AS due_rows,
               min(greatest(coalesce(p.odoo_queued_at, p.created_at), coalesce(p.odoo_next_attempt_at, '-infinity'))) AS oldest_due_since,
               count(p.claim_token) AS claimed_rows
          FROM cafe.pos_configs p
          JOIN odoo_sync.tenant_connections c ON c.tenant_id = p.tenant_id AND c.enabled AND c.healthy
         WHERE {PushClaims.Due("@now", "p")}
         GROUP BY p.tenant_id
        """;

    private sealed record TenantDue(Guid TenantId, long DueRows, DateTimeOffset? OldestDueSince, long ClaimedRows);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OdooSyncDbContext>();
        var now = clock.GetUtcNow();
        var byTenant = await db.Database.SqlQueryRaw<TenantDue>(Sql, new NpgsqlParameter("now", now))
            .ToListAsync(cancellationToken);
        var pro = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().ProTenantsAmongAsync(byTenant.Select(due => due.TenantId).ToList(), cancellationToken);
        var counted = byTenant.Where(due => pro.Contains(due.TenantId)).ToList();
        var age = counted.Min(due => due.OldestDueSince) is { } since ? now - since : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["dueRows"] = counted.Sum(due => due.DueRows),
            ["claimedRows"] = counted.Sum(due => due.ClaimedRows),
            ["oldestDueAgeSeconds"] = Math.Max(0, Math.Round(age.TotalSeconds)),
        };
        return age > options.Value.DueAgeWarning
            ? HealthCheckResult.Degraded($"The oldest due register has waited {age.TotalMinutes:0} min for Odoo (warning at {options.Value.DueAgeWarning.TotalMinutes:0} min).", data: data)
            : HealthCheckResult.Healthy("The Odoo push queue is moving.", data);
    }
}
