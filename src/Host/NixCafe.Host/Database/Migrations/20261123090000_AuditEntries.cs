using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// The audit trail: every register change and every Odoo connection change, who made it (a tenant
/// key's id or the operator), before and after, written in the transaction of the change.
/// </summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20261123090000_AuditEntries")]
internal sealed class AuditEntries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE SCHEMA audit;

        CREATE TABLE audit.entries (
            id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at         timestamptz NOT NULL,
            actor_kind text NOT NULL CHECK (actor_kind IN ('tenant_key', 'operator', 'system')),
            actor_id   text NOT NULL,
            tenant_id  uuid NOT NULL REFERENCES commerce.tenants (id),
            action     text NOT NULL,
            subject_id uuid NOT NULL,
            before     jsonb NULL,
            after      jsonb NULL
        );

        CREATE INDEX audit_entries_tenant_idx ON audit.entries (tenant_id, id DESC);
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TABLE audit.entries;
        DROP SCHEMA audit;
        """);
}
