using FluentMigrator;
using FluentMigrator.Postgres;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// The OdooSync module's own tables: each Pro tenant's Odoo connection (the API key encrypted by
/// ASP.NET Core Data Protection) and the Data Protection key ring itself, kept in the database so
/// that every host can decrypt what any host encrypted.
/// </summary>
[Migration(20261121110000, "Each Pro tenant's Odoo connection and the Data Protection key ring")]
public sealed class M20261121110000_OdooConnections : Migration
{
    public override void Up()
    {
        Create.Schema("odoo_sync");

        Create.Table("tenant_connections").InSchema("odoo_sync")
            .WithColumn("tenant_id").AsGuid().PrimaryKey("tenant_connections_pkey")
                .ForeignKey("tenant_connections_tenant_id_fkey", "commerce", "tenants", "id")
            .WithColumn("base_url").AsString().NotNullable()
            .WithColumn("database").AsString().NotNullable()
            .WithColumn("login").AsString().NotNullable()
            .WithColumn("api_key_protected").AsString().NotNullable()
            .WithColumn("enabled").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("healthy").AsBoolean().NotNullable().WithDefaultValue(true)
            .WithColumn("last_error").AsString().Nullable()
            .WithColumn("updated_at").AsDateTimeOffset().NotNullable();

        Create.Table("data_protection_keys").InSchema("odoo_sync")
            .WithColumn("id").AsInt64().PrimaryKey("data_protection_keys_pkey").Identity(PostgresGenerationType.Always)
            .WithColumn("friendly_name").AsString().NotNullable()
            .WithColumn("xml").AsString().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("data_protection_keys").InSchema("odoo_sync");
        Delete.Table("tenant_connections").InSchema("odoo_sync");
        Delete.Schema("odoo_sync");
    }
}
