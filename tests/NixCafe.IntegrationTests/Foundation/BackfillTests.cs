using NixCafe.Host.Database;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Foundation;

/// <summary>
/// Bundle 1's seven backfill steps, each exercised by legacy rows inserted at the baseline:
/// tenant P (Pro) and tenant Q (Pro, reusing Odoo id 7 in its own Odoo) and tenant S (Starter).
/// </summary>
public sealed class BackfillTests
{
    private const string P = "00000000-0000-0000-0000-0000000000a1";
    private const string Q = "00000000-0000-0000-0000-0000000000a2";
    private const string S = "00000000-0000-0000-0000-0000000000a3";
    private const string ShopP1 = "00000000-0000-0000-0000-0000000000b1";
    private const string ShopP2 = "00000000-0000-0000-0000-0000000000b2";
    private const string ShopP3 = "00000000-0000-0000-0000-0000000000b3";
    private const string ShopQ1 = "00000000-0000-0000-0000-0000000000b4";
    private const string ShopS1 = "00000000-0000-0000-0000-0000000000b5";
    private const string ShopS2 = "00000000-0000-0000-0000-0000000000b6";
    private const string PFront = "00000000-0000-0000-0000-0000000000c1";
    private const string PDrive = "00000000-0000-0000-0000-0000000000c2";
    private const string PUnmapped = "00000000-0000-0000-0000-0000000000c3";
    private const string QFront = "00000000-0000-0000-0000-0000000000c4";

    private const string LegacyRows = $"""
        INSERT INTO commerce.tenants (id, name, plan) VALUES ('{P}', 'Pro P', 'pro'), ('{Q}', 'Pro Q', 'pro'), ('{S}', 'Starter S', 'starter');
        INSERT INTO commerce.shops (id, tenant_id, name) VALUES
            ('{ShopP1}', '{P}', 'P1'), ('{ShopP2}', '{P}', 'P2'), ('{ShopP3}', '{P}', 'P3'),
            ('{ShopQ1}', '{Q}', 'Q1'), ('{ShopS1}', '{S}', 'S1'), ('{ShopS2}', '{S}', 'S2');
        INSERT INTO cafe.pos_configs (id, tenant_id, odoo_pos_config_id, name) VALUES
            ('{PFront}', '{P}', 7, 'Front'), ('{PDrive}', '{P}', 8, 'Drive'),
            ('{PUnmapped}', '{P}', 9, 'Unmapped'), ('{QFront}', '{Q}', 7, 'Q Front');
        INSERT INTO cafe.shop_pos_configs (id, tenant_id, shop_id, pos_config_id) VALUES
            (1, '{P}', '{ShopP1}', 7), (2, '{P}', '{ShopP2}', 8), (3, '{Q}', '{ShopQ1}', 7),
            (4, '{P}', '{ShopP3}', 99);
        INSERT INTO cafe.sessions (id, tenant_id, shop_id, pos_config_id) VALUES
            ('00000000-0000-0000-0000-0000000000d1', '{P}', '{ShopP1}', 7),
            ('00000000-0000-0000-0000-0000000000d2', '{P}', '{ShopP2}', 8),
            ('00000000-0000-0000-0000-0000000000d3', '{S}', '{ShopS1}', 1001),
            ('00000000-0000-0000-0000-0000000000d4', '{Q}', '{ShopQ1}', 7);
        INSERT INTO cafe.orders (id, tenant_id, shop_id, pos_config_id) VALUES
            ('00000000-0000-0000-0000-0000000000e1', '{P}', '{ShopP1}', 7),
            ('00000000-0000-0000-0000-0000000000e2', '{S}', '{ShopS2}', 1002),
            ('00000000-0000-0000-0000-0000000000e3', '{P}', '{ShopP1}', NULL);
        INSERT INTO cafe.pos_sequences (id, tenant_id, pos_config_id, last_number) VALUES
            (1, '{P}', 8, 41), (2, '{S}', 1001, 12), (3, '{S}', 5555, 3);
        """;

    private static async Task<string> MigratedFromLegacyRowsAsync()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        await using (var migrator = new CafeMigrator(db))
        {
            await migrator.MigrateToAsync("LegacyBaseline", CancellationToken.None);
            await TestPostgres.ExecuteAsync(db, LegacyRows);
            await migrator.MigrateAsync(CancellationToken.None);
        }

        return db;
    }

    private static async Task<Guid?> UuidAsync(string db, string sql) => await TestPostgres.ScalarAsync<Guid?>(db, sql);

    private static Task<Guid?> StarterRegisterOfShopAsync(string db, string shop) =>
        UuidAsync(db, $"SELECT id FROM cafe.pos_configs WHERE shop_id = '{shop}' AND odoo_pos_config_id IS NULL");

    [Fact]
    public async Task Step_1_and_2_pro_registers_take_the_shop_their_odoo_id_is_mapped_to_within_their_tenant()
    {
        var db = await MigratedFromLegacyRowsAsync();

        Assert.Equal(Guid.Parse(ShopP1), await UuidAsync(db, $"SELECT shop_id FROM cafe.pos_configs WHERE id = '{PFront}'"));
        Assert.Equal(Guid.Parse(ShopP2), await UuidAsync(db, $"SELECT shop_id FROM cafe.pos_configs WHERE id = '{PDrive}'"));
        Assert.Equal(Guid.Parse(ShopQ1), await UuidAsync(db, $"SELECT shop_id FROM cafe.pos_configs WHERE id = '{QFront}'"));
        Assert.Null(await UuidAsync(db, $"SELECT shop_id FROM cafe.pos_configs WHERE id = '{PUnmapped}'"));
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM cafe.pos_configs WHERE sync_state <> 'synced' OR sequence_prefix IS NOT NULL OR sync_error_message IS NOT NULL"));
    }

    [Fact]
    public async Task Step_3_every_shop_without_a_register_gets_register_1_and_no_other_shop_does()
    {
        var db = await MigratedFromLegacyRowsAsync();

        var seeded = await TestPostgres.QueryAsync(db, "SELECT shop_id, tenant_id, sync_state FROM cafe.pos_configs WHERE name = 'Register 1' ORDER BY shop_id");
        Assert.Equal([Guid.Parse(ShopP3), Guid.Parse(ShopS1), Guid.Parse(ShopS2)], seeded.Select(row => (Guid)row["shop_id"]!));
        Assert.All(seeded, row => Assert.Equal("synced", row["sync_state"]));
        Assert.Equal(Guid.Parse(S), seeded[1]["tenant_id"]);
    }

    [Fact]
    public async Task Step_5_sessions_match_by_odoo_id_for_pro_and_by_shop_for_starter_never_across_tenants()
    {
        var db = await MigratedFromLegacyRowsAsync();

        Assert.Equal(Guid.Parse(PFront), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.sessions WHERE id = '00000000-0000-0000-0000-0000000000d1'"));
        Assert.Equal(Guid.Parse(PDrive), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.sessions WHERE id = '00000000-0000-0000-0000-0000000000d2'"));
        Assert.Equal(await StarterRegisterOfShopAsync(db, ShopS1), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.sessions WHERE id = '00000000-0000-0000-0000-0000000000d3'"));
        Assert.Equal(Guid.Parse(QFront), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.sessions WHERE id = '00000000-0000-0000-0000-0000000000d4'"));
    }

    [Fact]
    public async Task Step_5_orders_match_like_sessions_and_orders_without_a_pos_config_id_stay_orphans()
    {
        var db = await MigratedFromLegacyRowsAsync();

        Assert.Equal(Guid.Parse(PFront), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.orders WHERE id = '00000000-0000-0000-0000-0000000000e1'"));
        Assert.Equal(await StarterRegisterOfShopAsync(db, ShopS2), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.orders WHERE id = '00000000-0000-0000-0000-0000000000e2'"));
        Assert.Null(await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.orders WHERE id = '00000000-0000-0000-0000-0000000000e3'"));
    }

    [Fact]
    public async Task Step_6_shop_mappings_prefer_the_odoo_id_and_fall_back_to_the_shop()
    {
        var db = await MigratedFromLegacyRowsAsync();

        Assert.Equal(Guid.Parse(PFront), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.shop_pos_configs WHERE id = 1"));
        Assert.Equal(Guid.Parse(PDrive), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.shop_pos_configs WHERE id = 2"));
        Assert.Equal(Guid.Parse(QFront), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.shop_pos_configs WHERE id = 3"));
        Assert.Equal(await StarterRegisterOfShopAsync(db, ShopP3), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.shop_pos_configs WHERE id = 4"));
    }

    [Fact]
    public async Task Step_7_sequences_prefer_the_odoo_id_then_bridge_through_a_session_and_otherwise_stay_orphans()
    {
        var db = await MigratedFromLegacyRowsAsync();

        Assert.Equal(Guid.Parse(PDrive), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.pos_sequences WHERE id = 1"));
        Assert.Equal(await StarterRegisterOfShopAsync(db, ShopS1), await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.pos_sequences WHERE id = 2"));
        Assert.Null(await UuidAsync(db, "SELECT pos_config_uuid FROM cafe.pos_sequences WHERE id = 3"));
        Assert.Equal(41, await TestPostgres.ScalarAsync<int>(db, "SELECT last_number FROM cafe.pos_sequences WHERE id = 1"));
    }

    [Fact]
    public async Task Legacy_integer_columns_stay_populated_and_unchanged()
    {
        var db = await MigratedFromLegacyRowsAsync();

        var sessions = await TestPostgres.QueryAsync(db, "SELECT pos_config_id FROM cafe.sessions ORDER BY id");
        Assert.Equal([7, 8, 1001, 7], sessions.Select(row => (int)row["pos_config_id"]!));
        Assert.Equal(8, await TestPostgres.ScalarAsync<int>(db, "SELECT odoo_pos_config_id FROM cafe.pos_configs WHERE id = '" + PDrive + "'"));
    }
}
