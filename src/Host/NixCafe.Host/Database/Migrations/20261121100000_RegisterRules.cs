using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// Bundle 2's register rules, enforced by the database as well as the domain so that two admins
/// saving at the same moment cannot both win: a register name is unique in its shop ignoring
/// case, and so is a sequence prefix. Order numbers of a register come from one pos_sequences row
/// keyed by its uuid; registers created in NixCafe have no legacy integer id, so that column
/// becomes optional.
/// </summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20261121100000_RegisterRules")]
internal sealed class RegisterRules : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE UNIQUE INDEX pos_configs_shop_name_key ON cafe.pos_configs (shop_id, lower(name)) WHERE shop_id IS NOT NULL;
        CREATE UNIQUE INDEX pos_configs_shop_prefix_key ON cafe.pos_configs (shop_id, sequence_prefix) WHERE shop_id IS NOT NULL AND sequence_prefix IS NOT NULL;
        CREATE INDEX pos_configs_tenant_shop_idx ON cafe.pos_configs (tenant_id, shop_id);

        ALTER TABLE cafe.pos_sequences ALTER COLUMN pos_config_id DROP NOT NULL;
        DROP INDEX cafe.pos_sequences_pos_config_uuid_idx;
        CREATE UNIQUE INDEX pos_sequences_pos_config_uuid_key ON cafe.pos_sequences (pos_config_uuid);
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX cafe.pos_sequences_pos_config_uuid_key;
        CREATE INDEX pos_sequences_pos_config_uuid_idx ON cafe.pos_sequences (pos_config_uuid);
        DELETE FROM cafe.pos_sequences WHERE pos_config_id IS NULL;
        ALTER TABLE cafe.pos_sequences ALTER COLUMN pos_config_id SET NOT NULL;

        DROP INDEX cafe.pos_configs_tenant_shop_idx;
        DROP INDEX cafe.pos_configs_shop_prefix_key;
        DROP INDEX cafe.pos_configs_shop_name_key;
        """);
}
