using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>Tenant API keys, stored as a salted HMAC of the secret only; revoked keys stay for the record.</summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20261121090000_TenantApiKeys")]
internal sealed class TenantApiKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TABLE commerce.tenant_api_keys (
            id          uuid PRIMARY KEY,
            tenant_id   uuid NOT NULL REFERENCES commerce.tenants (id),
            salt        bytea NOT NULL,
            secret_hash bytea NOT NULL,
            created_at  timestamptz NOT NULL,
            revoked_at  timestamptz NULL
        );
        CREATE INDEX tenant_api_keys_tenant_id_idx ON commerce.tenant_api_keys (tenant_id);
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TABLE commerce.tenant_api_keys;
        """);
}
