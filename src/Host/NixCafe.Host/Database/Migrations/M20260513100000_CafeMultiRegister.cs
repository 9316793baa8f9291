using FluentMigrator;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// Bundle 1 (docs/design.md): schema and backfill only. The legacy integer pos_config_id columns stay
/// populated and authoritative; the new uuid columns run beside them. Orphans are left NULL on
/// purpose: orders with no pos_config_id (pre-R5.2 history) and sequences no session explains.
/// Every match is within one tenant: Odoo ids are per Odoo database, so two tenants can share one.
/// Where a row could match several registers, the Odoo-id match wins over the shop match.
/// </summary>
[Migration(20260513100000, "Bundle 1: register columns and the uuid backfill of sessions, orders, mappings and sequences")]
public sealed class M20260513100000_CafeMultiRegister : Migration
{
    public override void Up() => Execute.Sql("""
        -- 1. The four new register columns.
        ALTER TABLE cafe.pos_configs
            ADD COLUMN shop_id            uuid NULL REFERENCES commerce.shops (id),
            ADD COLUMN sequence_prefix    text NULL,
            ADD COLUMN sync_state         text NOT NULL DEFAULT 'synced',
            ADD COLUMN sync_error_message text NULL;

        -- 2. Pro enrich: a Pro register takes the shop its Odoo id is mapped to.
        UPDATE cafe.pos_configs pc
           SET shop_id = sp.shop_id
          FROM cafe.shop_pos_configs sp
         WHERE pc.shop_id IS NULL
           AND pc.odoo_pos_config_id IS NOT NULL
           AND sp.tenant_id = pc.tenant_id
           AND sp.pos_config_id = pc.odoo_pos_config_id;

        -- 3. Starter seed: every shop with no register gets 'Register 1'.
        INSERT INTO cafe.pos_configs (tenant_id, shop_id, name, sync_state)
        SELECT s.tenant_id, s.id, 'Register 1', 'synced'
          FROM commerce.shops s
         WHERE NOT EXISTS (SELECT 1 FROM cafe.pos_configs pc
                            WHERE pc.tenant_id = s.tenant_id AND pc.shop_id = s.id);

        -- 4. The parallel uuid columns.
        ALTER TABLE cafe.sessions         ADD COLUMN pos_config_uuid uuid NULL;
        ALTER TABLE cafe.orders           ADD COLUMN pos_config_uuid uuid NULL;
        ALTER TABLE cafe.shop_pos_configs ADD COLUMN pos_config_uuid uuid NULL;
        ALTER TABLE cafe.pos_sequences    ADD COLUMN pos_config_uuid uuid NULL;

        -- 5. Sessions and orders: Pro match by Odoo id, else Starter match by shop.
        UPDATE cafe.sessions s
           SET pos_config_uuid = (
               SELECT pc.id FROM cafe.pos_configs pc
                WHERE pc.tenant_id = s.tenant_id
                  AND (pc.odoo_pos_config_id = s.pos_config_id OR pc.shop_id = s.shop_id)
                ORDER BY (pc.odoo_pos_config_id IS NOT DISTINCT FROM s.pos_config_id) DESC, pc.created_at, pc.id
                LIMIT 1);

        UPDATE cafe.orders o
           SET pos_config_uuid = (
               SELECT pc.id FROM cafe.pos_configs pc
                WHERE pc.tenant_id = o.tenant_id
                  AND (pc.odoo_pos_config_id = o.pos_config_id OR pc.shop_id = o.shop_id)
                ORDER BY (pc.odoo_pos_config_id IS NOT DISTINCT FROM o.pos_config_id) DESC, pc.created_at, pc.id
                LIMIT 1)
         WHERE o.pos_config_id IS NOT NULL;

        -- 6. Shop mappings: prefer the Odoo-id match, fall back to the shop (orphan rows in the original system's seed and dev databases, docs/design.md).
        UPDATE cafe.shop_pos_configs sp
           SET pos_config_uuid = COALESCE(
               (SELECT pc.id FROM cafe.pos_configs pc
                 WHERE pc.tenant_id = sp.tenant_id AND pc.odoo_pos_config_id = sp.pos_config_id),
               (SELECT pc.id FROM cafe.pos_configs pc
                 WHERE pc.tenant_id = sp.tenant_id AND pc.shop_id = sp.shop_id
                 ORDER BY pc.created_at, pc.id LIMIT 1));

        -- 7. Sequences: prefer the Odoo-id match, else bridge through any session with the same integer id.
        UPDATE cafe.pos_sequences ps
           SET pos_config_uuid = COALESCE(
               (SELECT pc.id FROM cafe.pos_configs pc
                 WHERE pc.tenant_id = ps.tenant_id AND pc.odoo_pos_config_id = ps.pos_config_id),
               (SELECT s.pos_config_uuid FROM cafe.sessions s
                 WHERE s.tenant_id = ps.tenant_id AND s.pos_config_id = ps.pos_config_id AND s.pos_config_uuid IS NOT NULL
                 ORDER BY s.opened_at DESC, s.id LIMIT 1));
        """);

    /// <summary>
    /// Drops what Up added. The registers Up seeded (no Odoo id, a shop) cannot be expressed in the
    /// legacy schema, which tied a register to a shop only through its Odoo id, so they go too.
    /// </summary>
    public override void Down() => Execute.Sql("""
        ALTER TABLE cafe.pos_sequences    DROP COLUMN pos_config_uuid;
        ALTER TABLE cafe.shop_pos_configs DROP COLUMN pos_config_uuid;
        ALTER TABLE cafe.orders           DROP COLUMN pos_config_uuid;
        ALTER TABLE cafe.sessions         DROP COLUMN pos_config_uuid;
        DELETE FROM cafe.pos_configs WHERE odoo_pos_config_id IS NULL AND shop_id IS NOT NULL;
        ALTER TABLE cafe.pos_configs
            DROP COLUMN sync_error_message,
            DROP COLUMN sync_state,
            DROP COLUMN sequence_prefix,
            DROP COLUMN shop_id;
        """);
}
