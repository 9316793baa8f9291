using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>A typo in a state name would silently take a row out of the queue: the database refuses it.</summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20260515090000_SyncStateCheck")]
internal sealed class SyncStateCheck : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE cafe.pos_configs
            ADD CONSTRAINT pos_configs_sync_state_check
            CHECK (sync_state IN ('synced', 'pending_create', 'pending_update', 'sync_error'));
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE cafe.pos_configs DROP CONSTRAINT pos_configs_sync_state_check;
        """);
}
