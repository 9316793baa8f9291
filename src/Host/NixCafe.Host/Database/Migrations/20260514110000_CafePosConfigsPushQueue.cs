using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// Seed 000: the retry bookkeeping of the Odoo push queue, and a partial index that holds only
/// the rows the drain can pick (pending and not dead-lettered), so the drain stays cheap however
/// many synced registers there are.
/// </summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20260514110000_CafePosConfigsPushQueue")]
internal sealed class CafePosConfigsPushQueue : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE cafe.pos_configs
            ADD COLUMN odoo_sync_retries    integer NOT NULL DEFAULT 0,
            ADD COLUMN odoo_next_attempt_at timestamptz NULL;

        CREATE INDEX cafe_pos_configs_pending_push_idx
            ON cafe.pos_configs (tenant_id, created_at)
            WHERE sync_state = 'pending_create' AND odoo_sync_retries < 5;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX cafe.cafe_pos_configs_pending_push_idx;
        ALTER TABLE cafe.pos_configs
            DROP COLUMN odoo_next_attempt_at,
            DROP COLUMN odoo_sync_retries;
        """);
}
