using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Persistence;
using NixCafe.OdooSync.Telemetry;
using NixCafe.Tenants.Contracts;
using Npgsql;

namespace NixCafe.OdooSync.Features.OperationalHealth;

/// <summary>
/// The push queue's totals for the gauges, read when a collection (a scrape, an OTLP export)
/// asks and kept for <see cref="Freshness"/> (on the machine's clock, not the domain's), so the
/// six gauges of one collection share one read. Counted as the queue's health check counts: Pro tenants only, due rows of working
/// connections only. Reads across tenants on purpose (raw SQL, no tenant scope) and keeps totals
/// only. Nothing here runs per push: without a collection the database is never asked.
/// </summary>
internal sealed class QueueGauges(IServiceScopeFactory scopes, TimeProvider clock, ILogger<QueueGauges> logger) : IQueueFigures
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(500);

    private const string DeadLetteredSql = """
        SELECT tenant_id, count(*) AS rows FROM cafe.pos_configs WHERE sync_state = 'sync_error' GROUP BY tenant_id
        """;

    private const string UnhealthySql = """
        SELECT tenant_id AS "Value" FROM odoo_sync.tenant_connections WHERE enabled AND NOT healthy
        """;

    private const string PausedSql = """
        SELECT tenant_id AS "Value" FROM odoo_sync.tenant_connections WHERE paused_at IS NOT NULL
        """;

    private readonly Lock _gate = new();
    private (QueueFigures? Figures, long ReadAt)? _last;

    private sealed record TenantDue(Guid TenantId, long DueRows, DateTimeOffset? OldestDueSince, long ClaimedRows);

    private sealed record TenantRows(Guid TenantId, long Rows);

    public QueueFigures? Read()
    {
        lock (_gate)
        {
            if (_last is { } last && Stopwatch.GetElapsedTime(last.ReadAt) < Freshness)
            {
                return last.Figures;
            }

            // Observable instruments' callbacks are synchronous: the collection waits for this one read.
            var figures = ReadAsync().GetAwaiter().GetResult();
            _last = (figures, Stopwatch.GetTimestamp());
            return figures;
        }
    }

    private async Task<QueueFigures?> ReadAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OdooSyncDbContext>();
            var now = clock.GetUtcNow();
            var due = await db.Database.SqlQueryRaw<TenantDue>(OdooSyncQueueHealthCheck.Sql, new NpgsqlParameter("now", now)).ToListAsync();
            var deadLettered = await db.Database.SqlQueryRaw<TenantRows>(DeadLetteredSql).ToListAsync();
            var unhealthy = await db.Database.SqlQueryRaw<Guid>(UnhealthySql).ToListAsync();
            var paused = await db.Database.SqlQueryRaw<Guid>(PausedSql).ToListAsync();
            var pro = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().ProTenantsAmongAsync(
                [.. due.Select(row => row.TenantId).Concat(deadLettered.Select(row => row.TenantId)).Concat(unhealthy).Concat(paused).Distinct()], CancellationToken.None);
            var counted = due.Where(row => pro.Contains(row.TenantId)).ToList();
            var oldest = counted.Min(row => row.OldestDueSince) is { } since && now > since ? now - since : TimeSpan.Zero;
            return new QueueFigures(
                counted.Sum(row => row.DueRows),
                oldest,
                deadLettered.Where(row => pro.Contains(row.TenantId)).Sum(row => row.Rows),
                unhealthy.Count(pro.Contains),
                paused.Count(pro.Contains));
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning("The push queue's gauges could not be read: {Error}", exception.GetType().Name);
            return null;
        }
    }
}
