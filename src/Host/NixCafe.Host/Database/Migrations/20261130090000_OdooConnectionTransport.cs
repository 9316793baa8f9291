using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// Which of Odoo's APIs a connection uses: 'auto' (the host asks the server: /json/2 on Odoo 19
/// and later, /jsonrpc before), or one the operator forces. Existing connections choose by
/// themselves.
/// </summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20261130090000_OdooConnectionTransport")]
internal sealed class OdooConnectionTransport : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE odoo_sync.tenant_connections
            ADD COLUMN transport text NOT NULL DEFAULT 'auto'
                CONSTRAINT tenant_connections_transport_check CHECK (transport IN ('auto', 'jsonrpc', 'json2'));
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE odoo_sync.tenant_connections DROP COLUMN transport;
        """);
}
