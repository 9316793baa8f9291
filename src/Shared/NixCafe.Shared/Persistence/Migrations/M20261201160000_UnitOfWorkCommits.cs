using FluentMigrator;

namespace NixCafe.Shared.Persistence.Migrations;

/// <summary>
/// One row per committed unit of work, written in its own transaction (<see cref="UnitOfWorkCommits"/>):
/// after a commit whose acknowledgement was lost, the row says whether it landed, so a retry never
/// applies the command twice. Ids are time-ordered (UUIDv7), so the sweep deletes old rows by key range.
/// </summary>
[Migration(20261201160000, "Commit markers of the units of work")]
public sealed class M20261201160000_UnitOfWorkCommits : Migration
{
    public override void Up() =>
        Create.Table("unit_of_work_commits").InSchema("audit")
            .WithColumn("id").AsGuid().PrimaryKey("unit_of_work_commits_pkey");

    public override void Down() => Delete.Table("unit_of_work_commits").InSchema("audit");
}
