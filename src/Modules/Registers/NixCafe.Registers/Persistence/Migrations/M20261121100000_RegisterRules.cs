using FluentMigrator;
using FluentMigrator.Postgres;

namespace NixCafe.Registers.Persistence.Migrations;

/// <summary>
/// Bundle 2's register rules, enforced by the database as well as the domain so that two admins
/// saving at the same moment cannot both win: a register name is unique in its shop ignoring
/// case (an index on an expression, which FluentMigrator cannot state: SQL), and so is a sequence
/// prefix. Order numbers of a register come from one pos_sequences row keyed by its uuid;
/// registers created in NixCafe have no legacy integer id, so that column becomes optional.
/// </summary>
[Migration(20261121100000, "Unique register names and prefixes per shop; order numbers by register uuid")]
public sealed class M20261121100000_RegisterRules : Migration
{
    public override void Up()
    {
        Execute.Sql("CREATE UNIQUE INDEX pos_configs_shop_name_key ON cafe.pos_configs (shop_id, lower(name)) WHERE shop_id IS NOT NULL;");
        Create.Index("pos_configs_shop_prefix_key").OnTable("pos_configs").InSchema("cafe")
            .OnColumn("shop_id").Ascending()
            .OnColumn("sequence_prefix").Ascending()
            .WithOptions().Unique()
            .WithOptions().Filter("shop_id IS NOT NULL AND sequence_prefix IS NOT NULL");
        Create.Index("pos_configs_tenant_shop_idx").OnTable("pos_configs").InSchema("cafe")
            .OnColumn("tenant_id").Ascending()
            .OnColumn("shop_id").Ascending();

        Alter.Column("pos_config_id").OnTable("pos_sequences").InSchema("cafe").AsInt32().Nullable();
        Delete.Index("pos_sequences_pos_config_uuid_idx").OnTable("pos_sequences").InSchema("cafe");
        Create.Index("pos_sequences_pos_config_uuid_key").OnTable("pos_sequences").InSchema("cafe")
            .OnColumn("pos_config_uuid").Unique();
    }

    public override void Down()
    {
        Delete.Index("pos_sequences_pos_config_uuid_key").OnTable("pos_sequences").InSchema("cafe");
        Create.Index("pos_sequences_pos_config_uuid_idx").OnTable("pos_sequences").InSchema("cafe").OnColumn("pos_config_uuid");
        Execute.Sql("DELETE FROM cafe.pos_sequences WHERE pos_config_id IS NULL;");
        Alter.Column("pos_config_id").OnTable("pos_sequences").InSchema("cafe").AsInt32().NotNullable();

        Delete.Index("pos_configs_tenant_shop_idx").OnTable("pos_configs").InSchema("cafe");
        Delete.Index("pos_configs_shop_prefix_key").OnTable("pos_configs").InSchema("cafe");
        Delete.Index("pos_configs_shop_name_key").OnTable("pos_configs").InSchema("cafe");
    }
}
