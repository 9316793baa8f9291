using FluentMigrator;
using FluentMigrator.Postgres;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>Seed 001: the drain also pushes renames and (de)activations, so the index covers pending_update.</summary>
[Migration(20260514130000, "The pending-push index covers renames and (de)activations")]
public sealed class M20260514130000_WidenPendingPushIndex : Migration
{
    public override void Up()
    {
        Delete.Index("cafe_pos_configs_pending_push_idx").OnTable("pos_configs").InSchema("cafe");
        Create.Index("cafe_pos_configs_pending_push_idx").OnTable("pos_configs").InSchema("cafe")
            .OnColumn("tenant_id").Ascending()
            .OnColumn("created_at").Ascending()
            .WithOptions().Filter("sync_state IN ('pending_create', 'pending_update') AND odoo_sync_retries < 5");
    }

    public override void Down()
    {
        Delete.Index("cafe_pos_configs_pending_push_idx").OnTable("pos_configs").InSchema("cafe");
        Create.Index("cafe_pos_configs_pending_push_idx").OnTable("pos_configs").InSchema("cafe")
            .OnColumn("tenant_id").Ascending()
            .OnColumn("created_at").Ascending()
            .WithOptions().Filter("sync_state = 'pending_create' AND odoo_sync_retries < 5");
    }
}
