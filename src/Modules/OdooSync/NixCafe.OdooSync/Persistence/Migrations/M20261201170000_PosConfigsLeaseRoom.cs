using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Every push leases its rows first (<c>PushClaims</c>), writing only the lease columns, which no
/// index covers. PostgreSQL updates such a row in place (a heap-only tuple, no index entry) when
/// its page has room; registers are inserted a shop at a time into full pages, so every lease
/// wrote a new entry into each of the table's indexes. A fifth of each page is left free from now
/// on; pages already full make room as their rows move.
/// </summary>
[Migration(20261201170000, "Room on cafe.pos_configs' pages for the push leases to update in place")]
public sealed class M20261201170000_PosConfigsLeaseRoom : Migration
{
    public override void Up() => Execute.Sql("ALTER TABLE cafe.pos_configs SET (fillfactor = 80)");

    public override void Down() => Execute.Sql("ALTER TABLE cafe.pos_configs RESET (fillfactor)");
}
