using System.Diagnostics;
using NixCafe.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Foundation;

public sealed class ResetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Reset_empties_every_application_table_and_keeps_the_migration_history()
    {
        var db = await TestPostgres.CreateMigratedDatabaseAsync();
        var reset = new DatabaseReset(db);
        await TestPostgres.ExecuteAsync(db, """
            INSERT INTO commerce.tenants (id, name, plan) VALUES ('00000000-0000-0000-0000-000000000001', 'T', 'starter');
            INSERT INTO commerce.shops (tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'Main');
            INSERT INTO cafe.pos_configs (tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'Front');
            """);
        var history = await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM nixcafe.version_info");

        await reset.ResetAsync();
        var timer = Stopwatch.StartNew();
        const int rounds = 20;
        for (var i = 0; i < rounds; i++)
        {
            await reset.ResetAsync();
        }

        output.WriteLine($"database reset: {timer.Elapsed.TotalMilliseconds / rounds:F1} ms per reset (mean of {rounds})");
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT (SELECT count(*) FROM commerce.tenants) + (SELECT count(*) FROM commerce.shops) + (SELECT count(*) FROM cafe.pos_configs)"));
        Assert.True(history > 0);
        Assert.Equal(history, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM nixcafe.version_info"));
    }
}
