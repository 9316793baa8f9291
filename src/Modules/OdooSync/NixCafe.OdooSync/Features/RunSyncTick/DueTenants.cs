using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Persistence;
using NixCafe.Tenants.Contracts;
using Npgsql;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal sealed class DueTenants(OdooSyncDbContext db, ITenantDirectory tenants)
{
    /// <summary>Tenants with due rows no drain holds; only constant SQL (the due predicate) is interpolated.</summary>
    internal static readonly string Sql = $"""
        SELECT DISTINCT tenant_id AS "Value" FROM cafe.pos_configs
         WHERE {PushClaims.Due("@now")}
           AND {PushClaims.Unleased()}
        """;

    /// <summary>
    /// Pro tenants with a row a drain could push now (<see cref="PushClaims.Due"/>). The partial
    /// index holds exactly the drainable rows, so this stays cheap at any size. A row another
    /// drain has leased is not due: that drain pushes it, or, when its host died, the lease runs
    /// out first. A tenant moved to Starter keeps its waiting rows (moving back to Pro pushes them)
    /// but is not drained meanwhile. One of the few reads across tenants: it returns only tenant
    /// ids, and each tenant's drain then runs in that tenant's own scope. A tenant whose sync an
    /// operator paused is left out.
    /// </summary>
    public async Task<List<Guid>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.Database.SqlQueryRaw<Guid>(Sql, new NpgsqlParameter("now", now))
            .ToListAsync(cancellationToken);
        var pro = await tenants.ProTenantsAmongAsync(due, cancellationToken);
        // A paused tenant's drain would only skip it: it is not dispatched at all.
        var paused = await db.Connections.IgnoreQueryFilters().AsNoTracking()
            .Where(connection => due.Contains(connection.TenantId) && connection.PausedAt != null)
            .Select(connection => connection.TenantId).ToListAsync(cancellationToken);
        return due.Where(tenant => pro.Contains(tenant) && !paused.Contains(tenant)).ToList();
    }
}
