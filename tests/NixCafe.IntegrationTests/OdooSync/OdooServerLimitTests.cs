using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>What one Odoo server gets from a host: a bounded number of calls at once, and no call while it asked to be left alone.</summary>
public sealed class OdooServerLimitTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    [Fact]
    public async Task Tenants_sharing_one_odoo_server_never_send_it_more_calls_at_once_than_its_cap()
    {
        for (var i = 0; i < 12; i++)
        {
            await CreateAsync(await App.ConnectedProTenantAsync(Odoo, name: $"Cafe {i}"), "Front");
        }

        Odoo.Latency = TimeSpan.FromMilliseconds(100);
        var tick = await App.SendAsync(new RunOdooSyncTickCommand());

        // Twelve drains run at once (the host's drain slots allow hundreds), all against this one server.
        Assert.Equal((12, 12), (tick.Tenants, tick.Created));
        Assert.InRange(Odoo.MostCallsAtOnce, 2, new OdooClientOptions().MaxCallsPerOdooServer);
    }

    [Theory]
    [InlineData("seconds")]
    [InlineData("date")]
    public async Task A_load_refused_with_429_goes_again_once_retry_after_has_passed_and_spends_no_retry(string form)
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        // Within the fixture's call timeout (2 s): the same call waits and goes again.
        var retryAfter = form == "seconds" ? "1" : App.Clock.GetUtcNow().AddSeconds(1).ToString("R");
        Odoo.FailNext(1, new FakeOdooFault.TooManyRequests(retryAfter), "load", model: "pos.config");

        // The host's clock stands still until the test moves it: the 429's wait cannot end by itself.
        var drain = App.DrainAsync(tenant.Id);
        await Eventually.TrueAsync(() => Loads() == 1, "the load Odoo answers 429 reaching it");
        await Task.Delay(300);
        var loadsBeforeTheWait = Loads();
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var result = await drain;

        Assert.Equal(1, loadsBeforeTheWait);
        Assert.Equal(2, Loads());
        Assert.Equal(1, result.Created);
        var row = await RowAsync(front);
        Assert.Equal(("synced", 0), ((string)row["sync_state"]!, (int)row["odoo_sync_retries"]!));
    }

    private async Task<Dictionary<string, object?>> RowAsync(Guid id) =>
        (await TestPostgres.QueryAsync(App.ConnectionString, $"SELECT sync_state, odoo_sync_retries FROM cafe.pos_configs WHERE id = '{id}'")).Single();
}
