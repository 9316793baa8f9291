using NixCafe.IntegrationTests.Support;
using Npgsql;

namespace NixCafe.IntegrationTests.Foundation;

/// <summary>The checks the original design notes list as passing (docs/design.md), read from PostgreSQL's catalog of a migrated database.</summary>
public sealed class SchemaCatalogTests : IAsyncLifetime
{
    private string _db = "";

    public async Task InitializeAsync() => _db = await TestPostgres.CreateMigratedDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("shop_id", "uuid", "YES", null)]
    [InlineData("sequence_prefix", "text", "YES", null)]
    [InlineData("sync_state", "text", "NO", "'synced'::text")]
    [InlineData("sync_error_message", "text", "YES", null)]
    [InlineData("odoo_sync_retries", "integer", "NO", "0")]
    [InlineData("odoo_next_attempt_at", "timestamp with time zone", "YES", null)]
    [InlineData("odoo_pos_config_id", "integer", "YES", null)]
    public async Task Register_columns_have_the_designed_type_nullability_and_default(string column, string type, string nullable, string? @default)
    {
        var rows = await TestPostgres.QueryAsync(_db, $"""
            SELECT data_type, is_nullable, column_default FROM information_schema.columns
             WHERE table_schema = 'cafe' AND table_name = 'pos_configs' AND column_name = '{column}'
            """);

        var row = Assert.Single(rows);
        Assert.Equal(type, row["data_type"]);
        Assert.Equal(nullable, row["is_nullable"]);
        Assert.Equal(@default, row["column_default"]);
    }

    [Theory]
    [InlineData("sessions", "NO")]
    [InlineData("shop_pos_configs", "NO")]
    [InlineData("orders", "YES")]
    [InlineData("pos_sequences", "YES")]
    public async Task Every_pos_config_uuid_is_a_foreign_key_to_the_registers(string table, string nullable)
    {
        var column = Assert.Single(await TestPostgres.QueryAsync(_db, $"""
            SELECT data_type, is_nullable FROM information_schema.columns
             WHERE table_schema = 'cafe' AND table_name = '{table}' AND column_name = 'pos_config_uuid'
            """));
        Assert.Equal("uuid", column["data_type"]);
        Assert.Equal(nullable, column["is_nullable"]);

        var foreignKey = Assert.Single(await TestPostgres.QueryAsync(_db, $"""
            SELECT confrelid::regclass::text AS target, pg_get_constraintdef(oid) AS definition
              FROM pg_constraint
             WHERE conrelid = 'cafe.{table}'::regclass AND contype = 'f'
               AND pg_get_constraintdef(oid) LIKE 'FOREIGN KEY (pos_config_uuid)%'
            """));
        Assert.Equal("cafe.pos_configs", foreignKey["target"]);
        Assert.EndsWith("REFERENCES cafe.pos_configs(id)", (string)foreignKey["definition"]!);
    }

    [Fact]
    public async Task The_pending_push_index_is_partial_over_both_pending_states()
    {
        var index = Assert.Single(await TestPostgres.QueryAsync(_db, """
            SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate, pg_get_indexdef(i.indexrelid) AS definition
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE c.relname = 'cafe_pos_configs_pending_push_idx'
            """));

        var predicate = (string)index["predicate"]!;
        Assert.Contains("'pending_create'", predicate);
        Assert.Contains("'pending_update'", predicate);
        Assert.Contains("odoo_sync_retries < 5", predicate);
        Assert.Contains("ON cafe.pos_configs USING btree (tenant_id, created_at)", (string)index["definition"]!);
    }

    [Fact]
    public async Task The_database_refuses_a_sync_state_outside_the_four_states()
    {
        await TestPostgres.ExecuteAsync(_db, """
            INSERT INTO commerce.tenants (id, name, plan) VALUES ('00000000-0000-0000-0000-00000000000a', 'T', 'pro');
            INSERT INTO cafe.pos_configs (tenant_id, name, sync_state) VALUES ('00000000-0000-0000-0000-00000000000a', 'ok', 'pending_update');
            """);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => TestPostgres.ExecuteAsync(_db, """
            INSERT INTO cafe.pos_configs (tenant_id, name, sync_state) VALUES ('00000000-0000-0000-0000-00000000000a', 'bad', 'pending');
            """));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal("pos_configs_sync_state_check", refused.ConstraintName);
    }

    [Fact]
    public async Task The_tenant_plan_is_starter_or_pro()
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => TestPostgres.ExecuteAsync(_db,
            "INSERT INTO commerce.tenants (name, plan) VALUES ('T', 'enterprise')"));
        Assert.Equal("tenants_plan_check", refused.ConstraintName);
    }
}
