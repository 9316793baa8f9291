using FluentMigrator;
using FluentMigrator.Postgres;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Seed 000: the retry bookkeeping of the Odoo push queue, and a partial index that holds only
/// the rows the drain can pick (pending and not dead-lettered), so the drain stays cheap however
/// many synced registers there are.
/// </summary>
[Migration(20260514110000, "The Odoo push queue: retries, next attempt and the pending-push index")]
public sealed class M20260514110000_CafePosConfigsPushQueue : Migration
{
    public override void Up()
    {
        Alter.Table("pos_configs").InSchema("cafe")
            .AddColumn("odoo_sync_retries").AsInt32().NotNullable().WithDefaultValue(0)
            .AddColumn("odoo_next_attempt_at").AsDateTimeOffset().Nullable();

        Create.Index("cafe_pos_configs_pending_push_idx").OnTable("pos_configs").InSchema("cafe")
            .OnColumn("tenant_id").Ascending()
            .OnColumn("created_at").Ascending()
            .WithOptions().Filter("sync_state = 'pending_create' AND odoo_sync_retries < 5");
    }

    public override void Down()
    {
        Delete.Index("cafe_pos_configs_pending_push_idx").OnTable("pos_configs").InSchema("cafe");
        Delete.Column("odoo_next_attempt_at").Column("odoo_sync_retries").FromTable("pos_configs").InSchema("cafe");
    }
}
