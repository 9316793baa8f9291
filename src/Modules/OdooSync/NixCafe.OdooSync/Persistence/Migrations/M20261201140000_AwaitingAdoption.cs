using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Issue 18's "awaiting adoption": a register's create may wait for the operator
/// (<c>sync_state = 'awaiting_adoption'</c>), and each connection records when its first creates
/// looked for records no register owns. Existing connections count as looked already: their
/// tenants have been draining, and an upgrade must not hold a register they create next.
/// </summary>
[Migration(20261201140000, "The awaiting_adoption sync state, and when each tenant's Odoo was looked at for records to adopt")]
public sealed class M20261201140000_AwaitingAdoption : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE cafe.pos_configs DROP CONSTRAINT pos_configs_sync_state_check;
            ALTER TABLE cafe.pos_configs
                ADD CONSTRAINT pos_configs_sync_state_check
                CHECK (sync_state IN ('synced', 'pending_create', 'pending_update', 'sync_error', 'awaiting_adoption'));
            """);
        Alter.Table("tenant_connections").InSchema("odoo_sync").AddColumn("adoption_checked_at").AsDateTimeOffset().Nullable();
        Execute.Sql("UPDATE odoo_sync.tenant_connections SET adoption_checked_at = now();");
    }

    public override void Down()
    {
        // A held register goes back to the queue it came from: its create.
        Execute.Sql("""
            UPDATE cafe.pos_configs SET sync_state = 'pending_create' WHERE sync_state = 'awaiting_adoption';
            ALTER TABLE cafe.pos_configs DROP CONSTRAINT pos_configs_sync_state_check;
            ALTER TABLE cafe.pos_configs
                ADD CONSTRAINT pos_configs_sync_state_check
                CHECK (sync_state IN ('synced', 'pending_create', 'pending_update', 'sync_error'));
            """);
        Delete.Column("adoption_checked_at").FromTable("tenant_connections").InSchema("odoo_sync");
    }
}
