using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using Npgsql;

namespace NixCafe.Benchmarks;

/// <summary>
/// The pending selector (the tick's "which tenants have due rows" and a drain's claim of its due
/// rows) run by the production code on two databases with the same 1,000 pending registers: one
/// holding nothing else, one holding also a million synced ones. The partial index
/// <c>cafe_pos_configs_pending_push_idx</c> holds only drainable rows, so both should cost the
/// same; the plans are captured from the real statements with auto_explain.
/// </summary>
public sealed class PendingSelectorBenchmark(int synced)
{
    private const string IndexName = "cafe_pos_configs_pending_push_idx";
    private const int PendingTenants = 100;
    private const int PendingPerTenant = 10;
    private const int Rounds = 300;

    public async Task<BenchResult> RunAsync()
    {
        await using var small = await BenchDatabase.CreateAsync();
        await using var large = await BenchDatabase.CreateAsync();
        var smallTenants = await SeedAsync(small, syncedTenants: 0, syncedPerTenant: 0);
        var largeTenants = await SeedAsync(large, syncedTenants: 1_000, syncedPerTenant: synced / 1_000);

        var (largeClaimPlan, largeDuePlan) = await ExplainAsync(large, largeTenants[0]);

        // Interleaved, so both databases see the same machine noise.
        var times = new Dictionary<string, List<double>> { ["small claim"] = [], ["large claim"] = [], ["small due"] = [], ["large due"] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            times["small claim"].Add(await TimeClaimAsync(small, smallTenants[round % smallTenants.Count]));
            times["large claim"].Add(await TimeClaimAsync(large, largeTenants[round % largeTenants.Count]));
            times["small due"].Add(await TimeDueTenantsAsync(small));
            times["large due"].Add(await TimeDueTenantsAsync(large));
        }

        var claimRatio = Median(times["large claim"]) / Median(times["small claim"]);
        var dueRatio = Median(times["large due"]) / Median(times["small due"]);
        var plansUseIndex = new[] { largeClaimPlan, largeDuePlan }.All(plan => plan.Contains(IndexName, StringComparison.Ordinal));
        var rows = synced + (PendingTenants * PendingPerTenant);

        return new BenchResult($"The pending selector at {rows:N0} registers", [
            new Figure($"Drain's claim of its due rows: {synced:N0} synced + 1,000 pending vs 1,000 in all, median time ratio", $"{claimRatio:0.00}×", "≤ 1.5×", claimRatio <= 1.5),
            new Figure($"Tick's tenants with due rows: {synced:N0} synced + 1,000 pending vs 1,000 in all, median time ratio", $"{dueRatio:0.00}×", "≤ 1.5×", dueRatio <= 1.5),
            new Figure($"Both selectors' plans at {rows:N0} registers use {IndexName}", plansUseIndex ? "yes" : "no", "yes", plansUseIndex),
        ], [
            $"1,000 pending creates ({PendingTenants} tenants × {PendingPerTenant}) in both databases; the large one also holds {synced:N0} synced registers of 1,000 other tenants. Both analysed after loading.",
            $"{Rounds} rounds, interleaved. Claim (in a transaction rolled back, so each round claims the same 10 rows): median {Median(times["small claim"]):0.00} ms small, {Median(times["large claim"]):0.00} ms large; tenants with due rows: median {Median(times["small due"]):0.00} ms small, {Median(times["large due"]):0.00} ms large. Times are round trips from the host's own code (EF Core, Npgsql) to PostgreSQL.",
            "The claim's plan on the large database, as auto_explain printed it for the production statement:",
            $"```\n{largeClaimPlan.Trim()}\n```",
            "The tick's tenants-with-due-rows plan on the large database:",
            $"```\n{largeDuePlan.Trim()}\n```",
        ]);
    }

    /// <summary>Tenants with shops; some with synced registers, the first <see cref="PendingTenants"/> with pending creates. Returns those.</summary>
    private static async Task<List<Guid>> SeedAsync(BenchDatabase database, int syncedTenants, int syncedPerTenant)
    {
        var tenantCount = Math.Max(syncedTenants, PendingTenants);
        await database.ExecuteAsync("""
            INSERT INTO commerce.tenants (name, plan) SELECT 'Cafe ' || n, 'pro' FROM generate_series(1, @tenants) AS n;
            INSERT INTO commerce.shops (tenant_id, name) SELECT id, 'Main Street' FROM commerce.tenants;
            """, new NpgsqlParameter("tenants", tenantCount));
        await database.ExecuteAsync("""
            INSERT INTO cafe.pos_configs (tenant_id, shop_id, name, sync_state, odoo_pos_config_id)
            SELECT shop.tenant_id, shop.id, 'Synced ' || n, 'synced', n
              FROM (SELECT * FROM commerce.shops ORDER BY tenant_id LIMIT @syncedTenants) AS shop, generate_series(1, @perTenant) AS n;
            INSERT INTO cafe.pos_configs (tenant_id, shop_id, name, sync_state, odoo_queued_at)
            SELECT shop.tenant_id, shop.id, 'Pending ' || n, 'pending_create', now()
              FROM (SELECT * FROM commerce.shops ORDER BY tenant_id DESC LIMIT @pendingTenants) AS shop, generate_series(1, @pendingPerTenant) AS n;
            """,
            new NpgsqlParameter("syncedTenants", syncedTenants), new NpgsqlParameter("perTenant", syncedPerTenant),
            new NpgsqlParameter("pendingTenants", PendingTenants), new NpgsqlParameter("pendingPerTenant", PendingPerTenant));
        await database.ExecuteAsync("VACUUM ANALYZE cafe.pos_configs");
        var pending = await TestPostgres.QueryAsync(database.ConnectionString, "SELECT DISTINCT tenant_id FROM cafe.pos_configs WHERE sync_state = 'pending_create' ORDER BY tenant_id");
        return pending.Select(row => (Guid)row["tenant_id"]!).ToList();
    }

    private static async Task<double> TimeClaimAsync(BenchDatabase database, Guid tenantId)
    {
        await using var scope = database.Admin.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<OdooSyncDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claims = scope.ServiceProvider.GetRequiredService<PushClaims>();
        var watch = Stopwatch.StartNew();
        var claim = await claims.ClaimAsync(10, 100, DateTimeOffset.UtcNow, CancellationToken.None);
        watch.Stop();
        await transaction.RollbackAsync();
        return claim.Rows.Count == PendingPerTenant ? watch.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"The claim took {claim.Rows.Count} rows, not {PendingPerTenant}");
    }

    private static async Task<double> TimeDueTenantsAsync(BenchDatabase database)
    {
        await using var scope = database.Admin.Services.CreateAsyncScope();
        var dueTenants = scope.ServiceProvider.GetRequiredService<DueTenants>();
        var watch = Stopwatch.StartNew();
        var tenants = await dueTenants.ListAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        watch.Stop();
        return tenants.Count == PendingTenants ? watch.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"{tenants.Count} tenants were due, not {PendingTenants}");
    }

    /// <summary>
    /// The plans of both selectors as PostgreSQL ran them, with the parameters the code sent:
    /// auto_explain reports each statement of the transaction as a notice.
    /// </summary>
    private static async Task<(string Claim, string DueTenants)> ExplainAsync(BenchDatabase database, Guid tenantId)
    {
        await using var scope = database.Admin.Services.CreateAsyncScope();
        using var _ = scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<OdooSyncDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var plans = new List<string>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        NoticeEventHandler capture = (_, notice) => plans.Add(notice.Notice.MessageText);
        connection.Notice += capture;
        try
        {
            await db.Database.ExecuteSqlRawAsync("""
                LOAD 'auto_explain';
                SET LOCAL auto_explain.log_min_duration = 0;
                SET LOCAL auto_explain.log_analyze = on;
                SET LOCAL auto_explain.log_buffers = on;
                SET LOCAL auto_explain.log_level = notice;
                """);
            await scope.ServiceProvider.GetRequiredService<DueTenants>().ListAsync(DateTimeOffset.UtcNow, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<PushClaims>().ClaimAsync(10, 100, DateTimeOffset.UtcNow, CancellationToken.None);
            // A statement's notice may arrive with the next one's reply: one more statement brings the last.
            await db.Database.ExecuteSqlRawAsync("SELECT 1");
            string PlanOf(string statementPart) => plans.Single(plan => plan.Contains(statementPart, StringComparison.Ordinal));
            return (PlanOf("FOR UPDATE SKIP LOCKED"), PlanOf("DISTINCT"));
        }
        finally
        {
            connection.Notice -= capture;
            await transaction.RollbackAsync();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
