using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// The OdooSync module's own tables: each Pro tenant's Odoo connection (the API key encrypted by
/// ASP.NET Core Data Protection) and the Data Protection key ring itself, kept in the database so
/// that every host can decrypt what any host encrypted.
/// </summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20261121110000_OdooConnections")]
internal sealed class OdooConnections : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE SCHEMA odoo_sync;

        CREATE TABLE odoo_sync.tenant_connections (
            tenant_id         uuid PRIMARY KEY REFERENCES commerce.tenants (id),
            base_url          text NOT NULL,
            database          text NOT NULL,
            login             text NOT NULL,
            api_key_protected text NOT NULL,
            enabled           boolean NOT NULL DEFAULT true,
            healthy           boolean NOT NULL DEFAULT true,
            last_error        text NULL,
            updated_at        timestamptz NOT NULL
        );

        CREATE TABLE odoo_sync.data_protection_keys (
            id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text NOT NULL,
            xml           text NOT NULL
        );
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TABLE odoo_sync.data_protection_keys;
        DROP TABLE odoo_sync.tenant_connections;
        DROP SCHEMA odoo_sync;
        """);
}
