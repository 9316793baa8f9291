using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Gives every dead-lettered create of a Pro tenant one fresh start. The release before this one
/// copied the template's cash payment method, which Odoo 17 and later refuse, so on those Odoos
/// every new register dead-lettered; a register that never reached Odoo may succeed now that it
/// gets a cash method of its own. Odoo translates its refusal, so the rows are not picked by
/// message: one that fails again for another reason dead-letters again after its retries.
/// Down changes nothing back: the rows' earlier errors are not kept.
/// </summary>
[Migration(20261130091000, "One fresh start for the creates Odoo 17+ refused")]
public sealed class M20261130091000_RequeueDeadLetteredCreates : Migration
{
    public override void Up() => Execute.Sql("""
        UPDATE cafe.pos_configs AS register
           SET sync_state = 'pending_create', odoo_sync_retries = 0, odoo_next_attempt_at = NULL,
               sync_error_message = NULL, odoo_queued_at = now()
          FROM commerce.tenants AS tenant
         WHERE tenant.id = register.tenant_id AND tenant.plan = 'pro'
           AND register.sync_state = 'sync_error' AND register.odoo_pos_config_id IS NULL;
        """);

    public override void Down()
    {
    }
}
