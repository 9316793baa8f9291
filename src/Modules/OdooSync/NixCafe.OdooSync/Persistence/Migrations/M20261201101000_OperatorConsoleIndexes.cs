using FluentMigrator;
using FluentMigrator.Postgres;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// What the operator console's tenant list reads for every tenant stays small: dead letters get a
/// partial index of their own (as due rows have <c>cafe_pos_configs_pending_push_idx</c>); the
/// counts by state of a page's tenants are read from (tenant, state) alone, without the rows.
/// </summary>
[Migration(20261201101000, "Indexes for the operator console's tenant list")]
public sealed class M20261201101000_OperatorConsoleIndexes : Migration
{
    public override void Up()
    {
        Create.Index("cafe_pos_configs_dead_letter_idx").OnTable("pos_configs").InSchema("cafe")
            .OnColumn("tenant_id").Ascending()
            .WithOptions().Filter("sync_state = 'sync_error'");
        Create.Index("cafe_pos_configs_tenant_state_idx").OnTable("pos_configs").InSchema("cafe")
            .OnColumn("tenant_id").Ascending()
            .OnColumn("sync_state").Ascending();
    }

    public override void Down()
    {
        Delete.Index("cafe_pos_configs_tenant_state_idx").OnTable("pos_configs").InSchema("cafe");
        Delete.Index("cafe_pos_configs_dead_letter_idx").OnTable("pos_configs").InSchema("cafe");
    }
}
