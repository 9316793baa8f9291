using FluentMigrator;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// Every pos_config_uuid now points at a real register. Sessions and shop mappings always
/// backfill (each shop has a register after Bundle 1), so they become NOT NULL; orders and
/// sequences keep the orphans Bundle 1 leaves, so they stay nullable. Each key gets an index:
/// deleting or re-pointing a register must not scan the orders table.
/// </summary>
[Migration(20260513110000, "Bundle 1: every pos_config_uuid points at a register")]
public sealed class M20260513110000_PosConfigUuidForeignKeys : Migration
{
    private static readonly string[] Tables = ["sessions", "orders", "shop_pos_configs", "pos_sequences"];
    private static readonly string[] AlwaysBackfilled = ["sessions", "shop_pos_configs"];

    public override void Up()
    {
        foreach (var table in AlwaysBackfilled)
        {
            Alter.Column("pos_config_uuid").OnTable(table).InSchema("cafe").AsGuid().NotNullable();
        }

        foreach (var table in Tables)
        {
            Create.ForeignKey($"{table}_pos_config_uuid_fkey")
                .FromTable(table).InSchema("cafe").ForeignColumn("pos_config_uuid")
                .ToTable("pos_configs").InSchema("cafe").PrimaryColumn("id");
        }

        foreach (var table in Tables)
        {
            Create.Index($"{table}_pos_config_uuid_idx").OnTable(table).InSchema("cafe").OnColumn("pos_config_uuid");
        }
    }

    public override void Down()
    {
        foreach (var table in Tables.AsEnumerable().Reverse())
        {
            Delete.Index($"{table}_pos_config_uuid_idx").OnTable(table).InSchema("cafe");
        }

        foreach (var table in Tables.AsEnumerable().Reverse())
        {
            Delete.ForeignKey($"{table}_pos_config_uuid_fkey").OnTable(table).InSchema("cafe");
        }

        foreach (var table in AlwaysBackfilled.AsEnumerable().Reverse())
        {
            Alter.Column("pos_config_uuid").OnTable(table).InSchema("cafe").AsGuid().Nullable();
        }
    }
}
