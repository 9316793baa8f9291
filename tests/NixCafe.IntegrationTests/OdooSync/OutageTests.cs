using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.Tenants.Features.ChangeTenantPlan;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>Odoo down for a while, on a clock the test moves: the queue waits it out and nothing is lost.</summary>
public sealed class OutageTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private Task<List<Dictionary<string, object?>>> RowsAsync() =>
        TestPostgres.QueryAsync(App.ConnectionString, "SELECT name, sync_state, odoo_sync_retries FROM cafe.pos_configs ORDER BY name");

    [Theory]
    [OdooVersions]
    public async Task Ten_minutes_of_refused_calls_dead_letter_nothing_and_every_change_arrives_after_recovery(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var seeded = Odoo.PosConfigs.Select(config => config.Id).ToHashSet();
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.SendAsync(new RunOdooSyncTickCommand());
        Odoo.Refusing = true;
        // Changes keep coming during the outage: a new register, a rename, a deactivation.
        await CreateAsync(tenant, "Terrace");
        (await tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{front}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        var bar = await CreateAsync(tenant, "Bar");
        var refusedPushes = (await App.SendAsync(new RunOdooSyncTickCommand())).Failed;
        (await tenant.Client.PostAsync($"/api/cafe/settings/registers/{bar}/deactivate", null)).EnsureSuccessStatusCode();

        for (var minute = 0; minute < 10; minute++)
        {
            refusedPushes += (await App.SendAsync(new RunOdooSyncTickCommand())).Failed;
            Assert.All(await RowsAsync(), row => Assert.NotEqual("sync_error", row["sync_state"]));
            App.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var worstRetries = (await RowsAsync()).Max(row => (int)row["odoo_sync_retries"]!);
        Odoo.Refusing = false;
        var minutesToRecover = 0;
        while ((await RowsAsync()).Any(row => (string)row["sync_state"]! != "synced"))
        {
            Assert.True(minutesToRecover++ < 4 * 60, "still not synced four hours after Odoo came back");
            await App.SendAsync(new RunOdooSyncTickCommand());
            App.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        // The backoff (1, 5, 15 min) spaced the attempts out: three per row at most in ten minutes, far from the fifth.
        Assert.InRange(worstRetries, 1, 3);
        Assert.InRange(refusedPushes, 3, 3 * 3);
        var inOdoo = Odoo.PosConfigs.Where(config => !seeded.Contains(config.Id)).ToDictionary(config => config.Name, config => config.Active);
        Assert.Equal(new Dictionary<string, bool> { ["Counter"] = true, ["Terrace"] = true, ["Bar"] = false }, inOdoo);
        Assert.All(await RowsAsync(), row => Assert.Equal(0, row["odoo_sync_retries"]));
    }

    [Fact]
    public async Task Health_turns_degraded_when_the_oldest_due_register_has_waited_too_long()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        await CreateAsync(tenant, "Front");
        App.Clock.Advance(TimeSpan.FromMinutes(11));

        var response = await App.Anonymous().GetAsync("/health");
        var queue = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("odoo-sync-queue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", queue.GetProperty("status").GetString());
        Assert.Equal(660, queue.GetProperty("data").GetProperty("oldestDueAgeSeconds").GetDouble());
        Assert.Equal(1, queue.GetProperty("data").GetProperty("dueRows").GetInt64());
    }

    [Fact]
    public async Task A_tenant_moved_to_Starter_with_waiting_registers_is_neither_drained_nor_counted_until_it_is_Pro_again()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        await CreateAsync(tenant, "Front");
        await App.SendAsync(new ChangeTenantPlanCommand(tenant.Id, "starter"));
        App.Clock.Advance(TimeSpan.FromMinutes(11));

        var tick = await App.SendAsync(new RunOdooSyncTickCommand());
        var response = await App.Anonymous().GetAsync("/health");
        var queue = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("odoo-sync-queue");

        Assert.Equal(0, tick.Tenants);
        Assert.Equal("Healthy", queue.GetProperty("status").GetString());
        Assert.Equal(0, queue.GetProperty("data").GetProperty("dueRows").GetInt64());

        await App.SendAsync(new ChangeTenantPlanCommand(tenant.Id, "pro"));
        var back = await App.SendAsync(new RunOdooSyncTickCommand());

        Assert.Equal((1, 1), (back.Tenants, back.Created));
    }
}
