using NixCafe.Host.Cli;
using NixCafe.Host.Database;
using NixCafe.IntegrationTests.Support;
using Npgsql;

namespace NixCafe.IntegrationTests.Foundation;

/// <summary>
/// A database the release before FluentMigrator wrote (its history in EF Core's
/// <c>nixcafe.migrations_history</c>) upgrades with one <c>migrate</c>: what it applied is
/// recorded, not run again, nothing stored changes, and only the later migrations run.
/// </summary>
public sealed class PreviousReleaseUpgradeTests
{
    private const string AllHistory = "PreviousRelease/full-history.sql";
    private const string HalfWayHistory = "PreviousRelease/half-way-history.sql";

    private static async Task<string> RestoreAsync(string fixture)
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        // The dump empties the search path for its session: a connection of its own, not pooled.
        var connectionString = new NpgsqlConnectionStringBuilder(db) { Pooling = false }.ConnectionString;
        await TestPostgres.ExecuteAsync(connectionString, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Foundation", fixture)));
        return db;
    }

    private const string QuartzJobs = "quartz.qrtz_job_details";

    /// <summary>The columns of every table but the migration bookkeeping, in order: what the rows are compared by.</summary>
    private static async Task<Dictionary<string, string[]>> ColumnsAsync(string db) =>
        (await TestPostgres.QueryAsync(db, """
            SELECT quote_ident(c.table_schema) || '.' || quote_ident(c.table_name) AS name, quote_ident(c.column_name) AS column_name
              FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE t.table_type = 'BASE TABLE' AND c.table_schema IN ('cafe', 'commerce', 'odoo_sync', 'audit', 'quartz')
             ORDER BY 1, c.ordinal_position
            """)).GroupBy(row => (string)row["name"]!).ToDictionary(table => table.Key, table => table.Select(row => (string)row["column_name"]!).ToArray());

    /// <summary>
    /// Every row of every table in <paramref name="columns"/> (and only those columns: a later
    /// migration may add some, which hold their defaults), but <paramref name="except"/>, the scheduler's included.
    /// </summary>
    private static string EveryRow(string db, IReadOnlyDictionary<string, string[]> columns, string except = "") =>
        string.Join('\n', columns.Where(table => table.Key != except).OrderBy(table => table.Key, StringComparer.Ordinal).Select(table =>
            $"{table.Key}: {TestPostgres.ScalarAsync<string>(db, $"SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') FROM (SELECT {string.Join(", ", table.Value)} FROM {table.Key}) t").GetAwaiter().GetResult()}"));

    private static async Task<string> FreshSchemaAsync()
    {
        var fresh = await TestPostgres.CreateEmptyDatabaseAsync();
        await using var migrator = new CafeMigrator(fresh);
        await migrator.MigrateAsync(CancellationToken.None);
        return await SchemaSnapshot.OfAsync(fresh);
    }

    [Fact]
    public async Task A_database_of_the_previous_release_is_adopted_and_only_the_later_migrations_run()
    {
        var db = await RestoreAsync(AllHistory);
        var columns = await ColumnsAsync(db);
        var rowsBefore = EveryRow(db, columns, except: QuartzJobs);
        await using var migrator = new CafeMigrator(db);

        var applied = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(["20261201090000_QuartzJobTypesRenamed", "20261201100000_OperatorKeys", "20261201101000_OperatorConsoleIndexes", "20261201102000_MinuteFigures", "20261201120000_DriftReconcile", "20261201140000_AwaitingAdoption", "20261201150000_AwaitingAdoptionIndex", "20261201160000_UnitOfWorkCommits", "20261201170000_PosConfigsLeaseRoom"], applied);
        Assert.All(await migrator.ListAsync(CancellationToken.None), migration => Assert.True(migration.Applied, migration.Id));
        Assert.Equal(rowsBefore, EveryRow(db, columns, except: QuartzJobs));
        // The operator console's tables start empty.
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT (SELECT count(*) FROM commerce.operator_keys) + (SELECT count(*) FROM odoo_sync.minute_figures)"));
        // The drift reconcile's columns start as the migration says: unpaused, report, nothing pushed or checked yet.
        Assert.Equal("report  ", await TestPostgres.ScalarAsync<string>(db,
            "SELECT string_agg(drift_policy || ' ' || coalesce(paused_at::text, '') || ' ' || coalesce(last_pushed_at::text, ''), '|') FROM odoo_sync.tenant_connections"));
        // The dead letter the requeue migration would have reset stays as it was: that migration did not run again.
        Assert.Equal(5, await TestPostgres.ScalarAsync<int>(db, "SELECT odoo_sync_retries FROM cafe.pos_configs WHERE name = 'Kiosk'"));
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'nixcafe' AND tablename = 'migrations_history'"));
        Assert.Equal(migrator.AllMigrations.Count, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM nixcafe.version_info"));
        Assert.Equal(await FreshSchemaAsync(), await SchemaSnapshot.OfAsync(db));
        // The stored jobs name classes this release has, so Quartz can load them when they fire.
        var jobClasses = (await TestPostgres.QueryAsync(db, $"SELECT job_class_name FROM {QuartzJobs} ORDER BY job_group"))
            .Select(row => Type.GetType((string)row["job_class_name"]!)?.Name);
        Assert.Equal(["DispatchTenantDrainsJob", "DrainPosConfigQueueJob"], jobClasses);
    }

    [Fact]
    public async Task A_database_half_way_through_the_previous_history_is_brought_forward()
    {
        var db = await RestoreAsync(HalfWayHistory);
        await using var migrator = new CafeMigrator(db);

        var applied = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal([
            "20261122091000_QuartzClusteredStore",
            "20261123090000_AuditEntries",
            "20261130090000_OdooConnectionTransport",
            "20261130091000_RequeueDeadLetteredCreates",
            "20261201090000_QuartzJobTypesRenamed",
            "20261201100000_OperatorKeys",
            "20261201101000_OperatorConsoleIndexes",
            "20261201102000_MinuteFigures",
            "20261201120000_DriftReconcile",
            "20261201140000_AwaitingAdoption",
            "20261201150000_AwaitingAdoptionIndex",
            "20261201160000_UnitOfWorkCommits",
            "20261201170000_PosConfigsLeaseRoom",
        ], applied);
        Assert.Equal(await FreshSchemaAsync(), await SchemaSnapshot.OfAsync(db));
        var registers = (await TestPostgres.QueryAsync(db, "SELECT name, sync_state, odoo_sync_retries, odoo_pos_config_id FROM cafe.pos_configs ORDER BY name"))
            .Select(row => $"{row["name"]}: {row["sync_state"]} {row["odoo_sync_retries"]} {row["odoo_pos_config_id"] ?? "-"}");
        Assert.Equal([
            "Corner till: synced 0 -",
            "Harbour bar: pending_create 1 -",
            "Harbour kiosk: pending_create 0 -",
            "Harbour till: synced 0 11",
        ], registers);
        Assert.Equal(41, await TestPostgres.ScalarAsync<int>(db, "SELECT last_number FROM cafe.pos_sequences"));
        Assert.Equal("auto|https://harbour.odoo.example/|CfDJ8-protected-elsewhere",
            await TestPostgres.ScalarAsync<string>(db, "SELECT transport || '|' || base_url || '|' || api_key_protected FROM odoo_sync.tenant_connections"));
        Assert.Equal(1L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM commerce.tenant_api_keys"));
    }

    [Fact]
    public async Task A_history_naming_a_migration_this_release_lacks_is_refused_and_left_as_it_was()
    {
        var db = await RestoreAsync(HalfWayHistory);
        await TestPostgres.ExecuteAsync(db, """INSERT INTO nixcafe.migrations_history ("MigrationId", "ProductVersion") VALUES ('20991231000000_FromANewerRelease', '10.0.0')""");
        var columns = await ColumnsAsync(db);
        var rowsBefore = EveryRow(db, columns);
        await using var migrator = new CafeMigrator(db);

        var refusal = await Assert.ThrowsAsync<CliException>(() => migrator.MigrateAsync(CancellationToken.None));

        Assert.Contains("20991231000000_FromANewerRelease", refusal.Message);
        Assert.Equal(11L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM nixcafe.migrations_history"));
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM nixcafe.version_info"));
        Assert.Equal(rowsBefore, EveryRow(db, columns));
    }
}
