using System.Diagnostics;
using NixCafe.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Foundation;

public sealed class ResetTests(ITestOutputHelper output)
{
    private const string KeyRing = "odoo_sync.data_protection_keys";

    [Fact]
    public async Task Reset_empties_every_application_table_and_keeps_the_migration_bookkeeping_and_the_key_ring()
    {
        var db = await TestPostgres.CreateMigratedDatabaseAsync();
        var reset = new DatabaseReset(db);
        await TestPostgres.ExecuteAsync(db, $"""
            INSERT INTO commerce.tenants (id, name, plan) VALUES ('00000000-0000-0000-0000-000000000001', 'T', 'starter');
            INSERT INTO commerce.shops (tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'Main');
            INSERT INTO cafe.pos_configs (tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'Front');
            INSERT INTO {KeyRing} (friendly_name, xml) VALUES ('key', '<key/>');
            """);
        var bookkeeping = await RowCountsAsync(db, "table_schema = 'nixcafe'");
        var seeded = await RowCountsAsync(db, "table_schema NOT IN ('nixcafe', 'quartz')");
        Assert.Equal(4, seeded.Values.Count(rows => rows > 0));

        await reset.ResetAsync();
        var timer = Stopwatch.StartNew();
        const int rounds = 20;
        for (var i = 0; i < rounds; i++)
        {
            await reset.ResetAsync();
        }

        output.WriteLine($"database reset: {timer.Elapsed.TotalMilliseconds / rounds:F1} ms per reset (mean of {rounds})");
        output.WriteLine($"test PostgreSQL start-up: {TestPostgresServer.StartupTime.TotalSeconds:F1} s");
        var left = await RowCountsAsync(db, $"table_schema NOT IN ('nixcafe', 'quartz') AND table_schema || '.' || table_name <> '{KeyRing}'");
        Assert.All(left, table => Assert.True(table.Value == 0, $"{table.Key} kept {table.Value} row(s)"));
        Assert.Contains(bookkeeping.Values, rows => rows > 0);
        Assert.Equal(bookkeeping, await RowCountsAsync(db, "table_schema = 'nixcafe'"));
        Assert.Equal(1L, await TestPostgres.ScalarAsync<long>(db, $"SELECT count(*) FROM {KeyRing}"));
    }

    /// <summary>Rows in each base table that <paramref name="where"/> picks from information_schema.tables.</summary>
    private static async Task<Dictionary<string, long>> RowCountsAsync(string db, string where)
    {
        var tables = await TestPostgres.QueryAsync(db, $"""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
              FROM information_schema.tables
             WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND {where}
            """);
        var counts = new Dictionary<string, long>();
        foreach (var name in tables.Select(table => (string)table["name"]!))
        {
            counts[name] = await TestPostgres.ScalarAsync<long>(db, $"SELECT count(*) FROM {name}");
        }

        return counts;
    }
}
