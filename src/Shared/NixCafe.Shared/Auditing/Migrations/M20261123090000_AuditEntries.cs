using FluentMigrator;
using FluentMigrator.Postgres;

namespace NixCafe.Shared.Auditing.Migrations;

/// <summary>
/// The audit trail: every register change and every Odoo connection change, who made it (a tenant
/// key's id or the operator), before and after, written in the transaction of the change.
/// FluentMigrator has no check constraints: the actor kinds are SQL.
/// </summary>
[Migration(20261123090000, "The audit trail of register and connection changes")]
public sealed class M20261123090000_AuditEntries : Migration
{
    public override void Up()
    {
        Create.Schema("audit");

        Create.Table("entries").InSchema("audit")
            .WithColumn("id").AsInt64().PrimaryKey("entries_pkey").Identity(PostgresGenerationType.Always)
            .WithColumn("at").AsDateTimeOffset().NotNullable()
            .WithColumn("actor_kind").AsString().NotNullable()
            .WithColumn("actor_id").AsString().NotNullable()
            .WithColumn("tenant_id").AsGuid().NotNullable().ForeignKey("entries_tenant_id_fkey", "commerce", "tenants", "id")
            .WithColumn("action").AsString().NotNullable()
            .WithColumn("subject_id").AsGuid().NotNullable()
            .WithColumn("before").AsCustom("jsonb").Nullable()
            .WithColumn("after").AsCustom("jsonb").Nullable();
        Execute.Sql("ALTER TABLE audit.entries ADD CONSTRAINT entries_actor_kind_check CHECK (actor_kind IN ('tenant_key', 'operator', 'system'));");

        Create.Index("audit_entries_tenant_idx").OnTable("entries").InSchema("audit")
            .OnColumn("tenant_id").Ascending()
            .OnColumn("id").Descending();
    }

    public override void Down()
    {
        Delete.Table("entries").InSchema("audit");
        Delete.Schema("audit");
    }
}
