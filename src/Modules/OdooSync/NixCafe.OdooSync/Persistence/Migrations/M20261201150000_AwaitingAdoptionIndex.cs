using FluentMigrator;
using FluentMigrator.Postgres;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// A tenant with registers awaiting adoption needs the operator (only a link or a release moves
/// them), so the console's tenant list reads the held registers of every tenant: like dead letters
/// (<c>cafe_pos_configs_dead_letter_idx</c>) they get a partial index of their own, empty while
/// nobody is held.
/// </summary>
[Migration(20261201150000, "A partial index of the registers awaiting adoption, for the operator console's tenant list")]
public sealed class M20261201150000_AwaitingAdoptionIndex : Migration
{
    public override void Up() =>
        Create.Index("cafe_pos_configs_awaiting_adoption_idx").OnTable("pos_configs").InSchema("cafe")
            .OnColumn("tenant_id").Ascending()
            .WithOptions().Filter("sync_state = 'awaiting_adoption'");

    public override void Down() =>
        Delete.Index("cafe_pos_configs_awaiting_adoption_idx").OnTable("pos_configs").InSchema("cafe");
}
