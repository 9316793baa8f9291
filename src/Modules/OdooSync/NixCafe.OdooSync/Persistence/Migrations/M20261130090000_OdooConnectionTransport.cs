using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Which of Odoo's APIs a connection uses: 'auto' (the host asks the server: /json/2 on Odoo 19
/// and later, /jsonrpc before), or one the operator forces. Existing connections choose by
/// themselves.
/// </summary>
[Migration(20261130090000, "Which of Odoo's APIs a connection uses")]
public sealed class M20261130090000_OdooConnectionTransport : Migration
{
    public override void Up()
    {
        Alter.Table("tenant_connections").InSchema("odoo_sync")
            .AddColumn("transport").AsString().NotNullable().WithDefaultValue("auto");
        Execute.Sql("""
            ALTER TABLE odoo_sync.tenant_connections
                ADD CONSTRAINT tenant_connections_transport_check CHECK (transport IN ('auto', 'jsonrpc', 'json2'));
            """);
    }

    public override void Down() => Delete.Column("transport").FromTable("tenant_connections").InSchema("odoo_sync");
}
