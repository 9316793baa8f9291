using NixCafe.Host.Cli;
using NixCafe.Host.Database;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Foundation;

public sealed class MigrationHistoryTests
{
    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time_and_changes_nothing()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        await using var migrator = new CafeMigrator(db);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var before = await SchemaSnapshot.OfAsync(db);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(migrator.AllMigrations.Select(migration => migration.Id), first);
        Assert.Empty(second);
        Assert.Equal(before, await SchemaSnapshot.OfAsync(db));
        Assert.All(await migrator.ListAsync(CancellationToken.None), migration => Assert.True(migration.Applied));
    }

    [Fact]
    public async Task Down_to_the_baseline_and_up_again_round_trips_the_schema_and_the_registers()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        await using var migrator = new CafeMigrator(db);
        await migrator.MigrateToAsync("LegacyBaseline", CancellationToken.None);
        await TestPostgres.ExecuteAsync(db, """
            INSERT INTO commerce.tenants (id, name, plan) VALUES ('00000000-0000-0000-0000-000000000001', 'S', 'starter');
            INSERT INTO commerce.shops (tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'Main');
            """);
        await migrator.MigrateAsync(CancellationToken.None);
        var migrated = await SchemaSnapshot.OfAsync(db);
        var baselineDb = await TestPostgres.CreateEmptyDatabaseAsync();
        await using (var baselineOnly = new CafeMigrator(baselineDb))
        {
            await baselineOnly.MigrateToAsync("LegacyBaseline", CancellationToken.None);
        }

        var baseline = await SchemaSnapshot.OfAsync(baselineDb);

        await migrator.MigrateToAsync("LegacyBaseline", CancellationToken.None);
        Assert.Equal(baseline, await SchemaSnapshot.OfAsync(db));
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM cafe.pos_configs"));

        await migrator.MigrateAsync(CancellationToken.None);
        Assert.Equal(migrated, await SchemaSnapshot.OfAsync(db));
        Assert.Equal(1L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM cafe.pos_configs WHERE name = 'Register 1'"));
    }

    [Fact]
    public async Task Every_down_runs_all_the_way_to_an_empty_database()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        await using var migrator = new CafeMigrator(db);
        await migrator.MigrateAsync(CancellationToken.None);

        await migrator.MigrateToAsync(CafeMigrator.Empty, CancellationToken.None);

        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('cafe', 'commerce')"));
        Assert.All(await migrator.ListAsync(CancellationToken.None), migration => Assert.False(migration.Applied));
    }

    [Fact]
    public async Task A_failing_migration_names_itself_and_leaves_the_database_at_the_last_good_one()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        await using var migrator = new CafeMigrator(db);
        await migrator.MigrateToAsync("CafeMultiRegister", CancellationToken.None);
        // A session that no register explains: the NOT NULL of the foreign-key migration must refuse it.
        await TestPostgres.ExecuteAsync(db, """
            INSERT INTO commerce.tenants (id, name, plan) VALUES ('00000000-0000-0000-0000-000000000001', 'P', 'pro');
            INSERT INTO commerce.shops (id, tenant_id, name) VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 'Main');
            INSERT INTO cafe.sessions (tenant_id, shop_id, pos_config_id) VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 42);
            """);

        var failure = await Assert.ThrowsAsync<CliException>(() => migrator.MigrateAsync(CancellationToken.None));

        Assert.Contains("20260513110000_PosConfigUuidForeignKeys", failure.Message);
        var applied = (await migrator.ListAsync(CancellationToken.None)).Where(migration => migration.Applied).Select(migration => migration.Id);
        Assert.Equal(["20260101000000_LegacyBaseline", "20260513100000_CafeMultiRegister"], applied);
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'sessions_pos_config_uuid_fkey'"));
    }

    [Fact]
    public async Task The_upgrade_gives_every_dead_lettered_create_of_a_pro_tenant_one_fresh_start_and_nothing_else()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        await using var migrator = new CafeMigrator(db);
        await migrator.MigrateToAsync("OdooConnectionTransport", CancellationToken.None);
        // As the release that copied the template's cash method left a tenant on Odoo 17 or later.
        await TestPostgres.ExecuteAsync(db, """
            INSERT INTO commerce.tenants (id, name, plan) VALUES
                ('00000000-0000-0000-0000-00000000000a', 'Pro', 'pro'),
                ('00000000-0000-0000-0000-00000000000b', 'Starter', 'starter');
            INSERT INTO cafe.pos_configs (tenant_id, name, sync_state, odoo_pos_config_id, odoo_sync_retries, sync_error_message) VALUES
                ('00000000-0000-0000-0000-00000000000a', 'refused create', 'sync_error', NULL, 1, 'load(row): This cash payment method is already used in another Point of Sale.'),
                ('00000000-0000-0000-0000-00000000000a', 'refused rename', 'sync_error', 7, 1, 'load(id): Unknown database identifier'),
                ('00000000-0000-0000-0000-00000000000a', 'synced', 'synced', 8, 0, NULL),
                ('00000000-0000-0000-0000-00000000000b', 'starter dead letter', 'sync_error', NULL, 5, 'HTTP 503: Odoo is unavailable');
            """);

        await migrator.MigrateAsync(CancellationToken.None);

        var rows = (await TestPostgres.QueryAsync(db, "SELECT name, sync_state, odoo_sync_retries, sync_error_message, odoo_queued_at IS NOT NULL AS queued FROM cafe.pos_configs ORDER BY name"))
            .Select(row => $"{row["name"]}: {row["sync_state"]} {row["odoo_sync_retries"]} {row["sync_error_message"] ?? "-"} {row["queued"]}");
        Assert.Equal([
            "refused create: pending_create 0 - True",
            "refused rename: sync_error 1 load(id): Unknown database identifier False",
            "starter dead letter: sync_error 5 HTTP 503: Odoo is unavailable False",
            "synced: synced 0 - False",
        ], rows);
    }

    [Fact]
    public async Task Every_migration_down_undoes_its_up()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        await using var migrator = new CafeMigrator(db);
        await migrator.ListAsync(CancellationToken.None); // the version table is there from the first use on
        var before = await SchemaSnapshot.OfAsync(db);

        foreach (var migration in migrator.AllMigrations)
        {
            await migrator.MigrateToAsync(migration.Id, CancellationToken.None);
            var after = await SchemaSnapshot.OfAsync(db);
            var below = migrator.AllMigrations.LastOrDefault(earlier => earlier.Version < migration.Version)?.Id ?? CafeMigrator.Empty;

            await migrator.MigrateToAsync(below, CancellationToken.None);
            Assert.True(before == await SchemaSnapshot.OfAsync(db), $"the down of {migration.Id} leaves the schema otherwise than before its up");
            await migrator.MigrateToAsync(migration.Id, CancellationToken.None);
            Assert.True(after == await SchemaSnapshot.OfAsync(db), $"the up of {migration.Id} after its down gives another schema");
            before = after;
        }
    }

    [Fact]
    public void The_script_holds_every_migration_in_order_without_a_database()
    {
        var migrations = new CafeMigrator("Host=127.0.0.1;Port=1").AllMigrations;

        var script = CafeMigrator.Script(null);

        var positions = migrations.Select(migration => script.IndexOf($"/* {migration.Version}: M{migration.Id} migrating", StringComparison.Ordinal)).ToList();
        Assert.All(positions, position => Assert.True(position >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("""CREATE INDEX "cafe_pos_configs_pending_push_idx" ON "cafe"."pos_configs" ("tenant_id" ASC,"created_at" ASC) WHERE sync_state IN ('pending_create', 'pending_update')""", script);
    }

    [Fact]
    public void The_script_stops_at_the_migration_asked_for()
    {
        var script = CafeMigrator.Script("RegisterRules");

        Assert.Contains("M20261121100000_RegisterRules migrating", script);
        Assert.DoesNotContain("M20261121110000_OdooConnections", script);
    }
}
