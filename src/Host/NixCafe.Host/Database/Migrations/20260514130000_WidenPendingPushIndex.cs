using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>Seed 001: the drain also pushes renames and (de)activations, so the index covers pending_update.</summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20260514130000_WidenPendingPushIndex")]
internal sealed class WidenPendingPushIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX cafe.cafe_pos_configs_pending_push_idx;
        CREATE INDEX cafe_pos_configs_pending_push_idx
            ON cafe.pos_configs (tenant_id, created_at)
            WHERE sync_state IN ('pending_create', 'pending_update') AND odoo_sync_retries < 5;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP INDEX cafe.cafe_pos_configs_pending_push_idx;
        CREATE INDEX cafe_pos_configs_pending_push_idx
            ON cafe.pos_configs (tenant_id, created_at)
            WHERE sync_state = 'pending_create' AND odoo_sync_retries < 5;
        """);
}
