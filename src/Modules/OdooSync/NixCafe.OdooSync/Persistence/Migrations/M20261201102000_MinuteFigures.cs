using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// The sync's figures per minute and host (pushes made and failed, the queue's due and dead-letter
/// totals): what the operator console's chart shows, kept a day.
/// </summary>
[Migration(20261201102000, "The sync's figures per minute")]
public sealed class M20261201102000_MinuteFigures : Migration
{
    public override void Up() =>
        Create.Table("minute_figures").InSchema("odoo_sync")
            .WithColumn("minute").AsDateTimeOffset().NotNullable().PrimaryKey("minute_figures_pkey")
            .WithColumn("host").AsString().NotNullable().PrimaryKey("minute_figures_pkey")
            .WithColumn("pushed").AsInt32().NotNullable()
            .WithColumn("failed").AsInt32().NotNullable()
            .WithColumn("due").AsInt32().NotNullable()
            .WithColumn("dead_letters").AsInt32().NotNullable();

    public override void Down() => Delete.Table("minute_figures").InSchema("odoo_sync");
}
