using FluentMigrator;

namespace NixCafe.Tenants.Persistence.Migrations;

/// <summary>Tenant API keys, stored as a salted HMAC of the secret only; revoked keys stay for the record.</summary>
[Migration(20261121090000, "Tenant API keys, stored as a salted HMAC")]
public sealed class M20261121090000_TenantApiKeys : Migration
{
    public override void Up()
    {
        Create.Table("tenant_api_keys").InSchema("commerce")
            .WithColumn("id").AsGuid().PrimaryKey("tenant_api_keys_pkey")
            .WithColumn("tenant_id").AsGuid().NotNullable().ForeignKey("tenant_api_keys_tenant_id_fkey", "commerce", "tenants", "id")
            .WithColumn("salt").AsBinary().NotNullable()
            .WithColumn("secret_hash").AsBinary().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("revoked_at").AsDateTimeOffset().Nullable();

        Create.Index("tenant_api_keys_tenant_id_idx").OnTable("tenant_api_keys").InSchema("commerce").OnColumn("tenant_id");
    }

    public override void Down() => Delete.Table("tenant_api_keys").InSchema("commerce");
}
