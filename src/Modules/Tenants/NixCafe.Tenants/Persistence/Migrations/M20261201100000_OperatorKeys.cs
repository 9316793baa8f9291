using FluentMigrator;

namespace NixCafe.Tenants.Persistence.Migrations;

/// <summary>
/// Named operators' keys, stored like tenant keys (a salted HMAC only). One working key per name
/// (ignoring case), because the audit trail tells operators apart by name; revoked keys stay for
/// the record.
/// </summary>
[Migration(20261201100000, "Named operators' keys, stored as a salted HMAC")]
public sealed class M20261201100000_OperatorKeys : Migration
{
    public override void Up()
    {
        Create.Table("operator_keys").InSchema("commerce")
            .WithColumn("id").AsGuid().PrimaryKey("operator_keys_pkey")
            .WithColumn("name").AsString(64).NotNullable()
            .WithColumn("salt").AsBinary().NotNullable()
            .WithColumn("secret_hash").AsBinary().NotNullable()
            .WithColumn("created_at").AsDateTimeOffset().NotNullable()
            .WithColumn("revoked_at").AsDateTimeOffset().Nullable();
        Execute.Sql("CREATE UNIQUE INDEX operator_keys_working_name_key ON commerce.operator_keys (lower(name)) WHERE revoked_at IS NULL;");
    }

    public override void Down() => Delete.Table("operator_keys").InSchema("commerce");
}
