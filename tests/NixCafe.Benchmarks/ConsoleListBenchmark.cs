using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.OdooSync.Features.OperatorConsole;
using Npgsql;

namespace NixCafe.Benchmarks;

/// <summary>
/// The operator console's tenant list: a page of 50 tenants, as the console asks for it (the
/// production query through the mediator, validation included), at 1,000 tenants and a million
/// registers, of which some are due, some dead-lettered and some tenants' connections unhealthy.
/// </summary>
public sealed class ConsoleListBenchmark(int tenants, int registers)
{
    private const int Rounds = 40;
    private const double TargetMilliseconds = 200;

    public async Task<BenchResult> RunAsync()
    {
        await using var database = await BenchDatabase.CreateAsync();
        await SeedAsync(database);

        var asks = new (string Name, ListTenantOverviewsQuery Query)[]
        {
            ("first page by name", new ListTenantOverviewsQuery(1, 50, "name", false, false, null)),
            ("by dead letters, most first", new ListTenantOverviewsQuery(1, 50, "deadLetters", true, false, null)),
            ("by oldest due", new ListTenantOverviewsQuery(1, 50, "oldest", true, false, null)),
            ("only tenants that need me", new ListTenantOverviewsQuery(1, 50, "name", false, true, null)),
            ("page 20 by name", new ListTenantOverviewsQuery(20, 50, "name", false, false, null)),
            ("a name searched", new ListTenantOverviewsQuery(1, 50, "name", false, false, "cafe 77")),
        };
        var medians = new List<(string Name, double Median, double P95, int Rows)>();
        foreach (var (name, query) in asks)
        {
            var times = new List<double>();
            var rows = 0;
            for (var round = 0; round < Rounds; round++)
            {
                await using var scope = database.Admin.Services.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var watch = Stopwatch.StartNew();
                var page = await mediator.Send(query);
                watch.Stop();
                times.Add(watch.Elapsed.TotalMilliseconds);
                rows = page.Tenants.Count;
            }

            times.Sort();
            medians.Add((name, times[times.Count / 2], times[(int)(times.Count * 0.95)], rows));
        }

        var worst = medians.Max(m => m.Median);
        return new BenchResult($"The operator console's tenant list at {tenants:N0} tenants and {registers:N0} registers", [
            new Figure($"A page of 50 tenants, slowest of {medians.Count} asks, median of {Rounds}", $"{worst:0.0} ms", $"< {TargetMilliseconds:0} ms", worst < TargetMilliseconds),
        ], [
            $"{tenants:N0} Pro tenants with {registers / tenants:N0} registers each; 1 % of the registers due (pending), 0.2 % dead-lettered, every 10th tenant's connection unhealthy. Analysed after loading.",
            .. medians.Select(m => $"{m.Name}: median {m.Median:0.0} ms, p95 {m.P95:0.0} ms ({m.Rows} tenants on the page)"),
        ]);
    }

    private async Task SeedAsync(BenchDatabase database)
    {
        var perTenant = registers / tenants;
        await database.ExecuteAsync("""
            INSERT INTO commerce.tenants (name, plan) SELECT 'Cafe ' || n, 'pro' FROM generate_series(1, @tenants) AS n;
            INSERT INTO commerce.shops (tenant_id, name) SELECT id, 'Main Street' FROM commerce.tenants;
            INSERT INTO odoo_sync.tenant_connections (tenant_id, base_url, database, login, api_key_protected, enabled, healthy, last_error, updated_at)
            SELECT id, 'https://odoo.example/', 'db', 'nixcafe', 'not-a-key', true, n % 10 <> 0, CASE WHEN n % 10 = 0 THEN 'bad credentials' END, now()
              FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM commerce.tenants) AS t;
            INSERT INTO cafe.pos_configs (tenant_id, shop_id, name, sync_state, odoo_pos_config_id, odoo_sync_retries, odoo_queued_at, sync_error_message)
            SELECT s.tenant_id, s.id, 'Register ' || n,
                   CASE WHEN n % 500 = 0 THEN 'sync_error' WHEN n % 100 = 0 THEN 'pending_update' ELSE 'synced' END,
                   n,
                   CASE WHEN n % 500 = 0 THEN 5 ELSE 0 END,
                   CASE WHEN n % 100 = 0 THEN now() - (n || ' seconds')::interval END,
                   CASE WHEN n % 500 = 0 THEN 'odoo.exceptions.ValidationError: refused' END
              FROM commerce.shops AS s, generate_series(1, @perTenant) AS n;
            """, new NpgsqlParameter("tenants", tenants), new NpgsqlParameter("perTenant", perTenant));
        await database.ExecuteAsync("VACUUM ANALYZE");
    }
}
