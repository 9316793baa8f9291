using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Issue 18's drift reconcile and pause: per tenant, the operator's pause, the drift policy, the
/// last successful push, the last drift check and its lease (so one tenant's check never runs twice at once) (on the connection row the drains read already);
/// the current findings of each tenant's last check; the Odoo records the operator told the check
/// to ignore. Existing tenants start unpaused, under <c>report</c>, with no push recorded yet.
/// </summary>
[Migration(20261201120000, "Drift findings, ignored Odoo records, and the pause, policy, last push and last check of each tenant")]
public sealed class M20261201120000_DriftReconcile : Migration
{
    public override void Up()
    {
        Alter.Table("tenant_connections").InSchema("odoo_sync")
            .AddColumn("paused_at").AsDateTimeOffset().Nullable()
            .AddColumn("paused_by").AsString().Nullable()
            .AddColumn("pause_reason").AsString().Nullable()
            .AddColumn("drift_policy").AsString().NotNullable().WithDefaultValue("report")
            .AddColumn("last_pushed_at").AsDateTimeOffset().Nullable()
            .AddColumn("last_drift_check_at").AsDateTimeOffset().Nullable()
            .AddColumn("last_drift_check_error").AsString().Nullable()
            .AddColumn("drift_check_leased_until").AsDateTimeOffset().Nullable();
        Execute.Sql("""
            ALTER TABLE odoo_sync.tenant_connections
                ADD CONSTRAINT tenant_connections_drift_policy_check CHECK (drift_policy IN ('report', 'repair'));
            """);

        Create.Table("drift_findings").InSchema("odoo_sync")
            .WithColumn("tenant_id").AsGuid().NotNullable()
                .ForeignKey("drift_findings_tenant_id_fkey", "commerce", "tenants", "id")
            .WithColumn("odoo_pos_config_id").AsInt32().NotNullable()
            .WithColumn("register_id").AsGuid().Nullable()
                .ForeignKey("drift_findings_register_id_fkey", "cafe", "pos_configs", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("kind").AsString().NotNullable()
            .WithColumn("odoo_name").AsString().Nullable()
            .WithColumn("odoo_active").AsBoolean().Nullable()
            .WithColumn("found_at").AsDateTimeOffset().NotNullable();
        Create.PrimaryKey("drift_findings_pkey").OnTable("drift_findings").WithSchema("odoo_sync").Columns("tenant_id", "odoo_pos_config_id");
        Execute.Sql("""
            ALTER TABLE odoo_sync.drift_findings
                ADD CONSTRAINT drift_findings_kind_check CHECK (kind IN ('renamed', 'archived', 'unarchived', 'deleted', 'unknown'));
            """);

        Create.Table("ignored_odoo_records").InSchema("odoo_sync")
            .WithColumn("tenant_id").AsGuid().NotNullable()
                .ForeignKey("ignored_odoo_records_tenant_id_fkey", "commerce", "tenants", "id")
            .WithColumn("odoo_pos_config_id").AsInt32().NotNullable()
            .WithColumn("ignored_at").AsDateTimeOffset().NotNullable();
        Create.PrimaryKey("ignored_odoo_records_pkey").OnTable("ignored_odoo_records").WithSchema("odoo_sync").Columns("tenant_id", "odoo_pos_config_id");
    }

    public override void Down()
    {
        Delete.Table("ignored_odoo_records").InSchema("odoo_sync");
        Delete.Table("drift_findings").InSchema("odoo_sync");
        Execute.Sql("ALTER TABLE odoo_sync.tenant_connections DROP CONSTRAINT tenant_connections_drift_policy_check;");
        foreach (var column in new[] { "paused_at", "paused_by", "pause_reason", "drift_policy", "last_pushed_at", "last_drift_check_at", "last_drift_check_error", "drift_check_leased_until" })
        {
            Delete.Column(column).FromTable("tenant_connections").InSchema("odoo_sync");
        }
    }
}
