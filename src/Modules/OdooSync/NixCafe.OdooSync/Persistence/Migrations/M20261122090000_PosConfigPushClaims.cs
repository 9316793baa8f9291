using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Several hosts drain the queue: a drain leases its rows (a claim token, who holds it, since when
/// and until when) so no two hosts push one row at once, and a host that dies leaves only leases
/// that expire. <c>odoo_queued_at</c> says since when a row has waited, for the operational view.
/// FluentMigrator has no check constraints: that one and the backfill are SQL.
/// </summary>
[Migration(20261122090000, "Leases on queued registers, so that several hosts drain one queue")]
public sealed class M20261122090000_PosConfigPushClaims : Migration
{
    public override void Up()
    {
        Alter.Table("pos_configs").InSchema("cafe")
            .AddColumn("claim_token").AsGuid().Nullable()
            .AddColumn("claimed_by").AsString().Nullable()
            .AddColumn("claimed_at").AsDateTimeOffset().Nullable()
            .AddColumn("claimed_until").AsDateTimeOffset().Nullable()
            .AddColumn("odoo_queued_at").AsDateTimeOffset().Nullable();

        Execute.Sql("""
            ALTER TABLE cafe.pos_configs ADD CONSTRAINT cafe_pos_configs_claim_whole CHECK (
                (claim_token IS NULL AND claimed_by IS NULL AND claimed_at IS NULL AND claimed_until IS NULL)
                OR (claim_token IS NOT NULL AND claimed_by IS NOT NULL AND claimed_at IS NOT NULL AND claimed_until IS NOT NULL));

            UPDATE cafe.pos_configs SET odoo_queued_at = created_at WHERE sync_state IN ('pending_create', 'pending_update');
            """);
    }

    public override void Down()
    {
        Execute.Sql("ALTER TABLE cafe.pos_configs DROP CONSTRAINT cafe_pos_configs_claim_whole;");
        Delete.Column("odoo_queued_at").Column("claimed_until").Column("claimed_at").Column("claimed_by").Column("claim_token")
            .FromTable("pos_configs").InSchema("cafe");
    }
}
