using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// Every pos_config_uuid now points at a real register. Sessions and shop mappings always
/// backfill (each shop has a register after Bundle 1), so they become NOT NULL; orders and
/// sequences keep the orphans Bundle 1 leaves, so they stay nullable. Each key gets an index:
/// deleting or re-pointing a register must not scan the orders table.
/// </summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20260513110000_PosConfigUuidForeignKeys")]
internal sealed class PosConfigUuidForeignKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE cafe.sessions ALTER COLUMN pos_config_uuid SET NOT NULL;
        ALTER TABLE cafe.shop_pos_configs ALTER COLUMN pos_config_uuid SET NOT NULL;

        ALTER TABLE cafe.sessions
            ADD CONSTRAINT sessions_pos_config_uuid_fkey FOREIGN KEY (pos_config_uuid) REFERENCES cafe.pos_configs (id);
        ALTER TABLE cafe.orders
            ADD CONSTRAINT orders_pos_config_uuid_fkey FOREIGN KEY (pos_config_uuid) REFERENCES cafe.pos_configs (id);
        ALTER TABLE cafe.shop_pos_configs
            ADD CONSTRAINT shop_pos_configs_pos_config_uuid_fkey FOREIGN KEY (pos_config_uuid) REFERENCES cafe.pos_configs (id);
        ALTER TABLE cafe.pos_sequences
            ADD CONSTRAINT pos_sequences_pos_config_uuid_fkey FOREIGN KEY (pos_config_uuid) REFERENCES cafe.pos_configs (id);

        CREATE INDEX sessions_pos_config_uuid_idx ON cafe.sessions (pos_config_uuid);
        CREATE INDEX orders_pos_config_uuid_idx ON cafe.orders (pos_config_uuid);
        CREATE INDEX shop_pos_configs_pos_config_uuid_idx ON cafe.shop_pos_configs (pos_config_uuid);
        CREATE INDEX pos_sequences_pos_config_uuid_idx ON cafe.pos_sequences (pos_config_uuid);
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX cafe.pos_sequences_pos_config_uuid_idx;
        DROP INDEX cafe.shop_pos_configs_pos_config_uuid_idx;
        DROP INDEX cafe.orders_pos_config_uuid_idx;
        DROP INDEX cafe.sessions_pos_config_uuid_idx;
        ALTER TABLE cafe.pos_sequences DROP CONSTRAINT pos_sequences_pos_config_uuid_fkey;
        ALTER TABLE cafe.shop_pos_configs DROP CONSTRAINT shop_pos_configs_pos_config_uuid_fkey;
        ALTER TABLE cafe.orders DROP CONSTRAINT orders_pos_config_uuid_fkey;
        ALTER TABLE cafe.sessions DROP CONSTRAINT sessions_pos_config_uuid_fkey;
        ALTER TABLE cafe.shop_pos_configs ALTER COLUMN pos_config_uuid DROP NOT NULL;
        ALTER TABLE cafe.sessions ALTER COLUMN pos_config_uuid DROP NOT NULL;
        """);
}
