using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>A typo in a state name would silently take a row out of the queue: the database refuses it.</summary>
[Migration(20260515090000, "The database refuses an unknown sync_state")]
public sealed class M20260515090000_SyncStateCheck : Migration
{
    public override void Up() => Execute.Sql("""
        ALTER TABLE cafe.pos_configs
            ADD CONSTRAINT pos_configs_sync_state_check
            CHECK (sync_state IN ('synced', 'pending_create', 'pending_update', 'sync_error'));
        """);

    public override void Down() => Execute.Sql("""
        ALTER TABLE cafe.pos_configs DROP CONSTRAINT pos_configs_sync_state_check;
        """);
}
