using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// Several hosts drain the queue: a drain leases its rows (a claim token, who holds it, since when
/// and until when) so no two hosts push one row at once, and a host that dies leaves only leases
/// that expire. <c>odoo_queued_at</c> says since when a row has waited, for the operational view.
/// </summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20261122090000_PosConfigPushClaims")]
internal sealed class PosConfigPushClaims : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE cafe.pos_configs
            ADD COLUMN claim_token    uuid NULL,
            ADD COLUMN claimed_by     text NULL,
            ADD COLUMN claimed_at     timestamptz NULL,
            ADD COLUMN claimed_until  timestamptz NULL,
            ADD COLUMN odoo_queued_at timestamptz NULL,
            ADD CONSTRAINT cafe_pos_configs_claim_whole CHECK (
                (claim_token IS NULL AND claimed_by IS NULL AND claimed_at IS NULL AND claimed_until IS NULL)
                OR (claim_token IS NOT NULL AND claimed_by IS NOT NULL AND claimed_at IS NOT NULL AND claimed_until IS NOT NULL));

        UPDATE cafe.pos_configs SET odoo_queued_at = created_at WHERE sync_state IN ('pending_create', 'pending_update');
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE cafe.pos_configs
            DROP CONSTRAINT cafe_pos_configs_claim_whole,
            DROP COLUMN odoo_queued_at,
            DROP COLUMN claimed_until,
            DROP COLUMN claimed_at,
            DROP COLUMN claimed_by,
            DROP COLUMN claim_token;
        """);
}
