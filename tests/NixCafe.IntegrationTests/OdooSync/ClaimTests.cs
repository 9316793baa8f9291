using System.Text.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.Shared.Hosting;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>The row claims that keep drains (of one host or many) off each other's rows.</summary>
public sealed class ClaimTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private Task<List<Dictionary<string, object?>>> RowsAsync() =>
        TestPostgres.QueryAsync(App.ConnectionString, "SELECT id, sync_state, claim_token, claimed_by FROM cafe.pos_configs ORDER BY created_at");

    private static async Task<JsonElement> StatusAsync(TestTenant tenant) =>
        JsonDocument.Parse(await tenant.Client.GetStringAsync("/api/cafe/odoo-sync/status")).RootElement;

    private Task ClaimAsDeadHostAsync(Guid registerId, string until) =>
        TestPostgres.ExecuteAsync(App.ConnectionString, $"""
            UPDATE cafe.pos_configs
               SET claim_token = gen_random_uuid(), claimed_by = 'dead-host:1', claimed_at = now(), claimed_until = now() + interval '{until}'
             WHERE id = '{registerId}'
            """);

    [Fact]
    public async Task Two_drains_of_one_tenant_at_once_take_disjoint_rows_and_create_each_register_once()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        for (var i = 0; i < 20; i++)
        {
            await CreateAsync(tenant, $"Till {i}");
        }

        // The first drain's first load waits until the second drain has run: both are under way at
        // once whatever the machine's load, with the first holding its claimed batch meanwhile.
        var release = new TaskCompletionSource();
        var held = new FakeOdooFault.Hold(release.Task);
        Odoo.FailNext(1, held, "load");

        var first = App.DrainAsync(tenant.Id);
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await App.DrainAsync(tenant.Id);
        release.SetResult();
        var results = new[] { await first, second };

        Assert.Equal([10, 10], results.Select(result => result.Created));
        Assert.Empty(Odoo.Overlaps);
        Assert.Equal(20 + Odoo.SeededPosConfigCount, Odoo.PosConfigs.Count);
        Assert.All(await RowsAsync(), row => Assert.Equal(("synced", null), ((string)row["sync_state"]!, row["claim_token"])));
    }

    [Fact]
    public async Task A_dead_hosts_lease_keeps_its_rows_and_its_tenant_out_of_the_tick_until_it_expires_and_then_another_drain_takes_them()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await ClaimAsDeadHostAsync(front, "1 hour");

        var whileLeased = await App.DrainAsync(tenant.Id);
        var tickWhileLeased = await App.SendAsync(new RunOdooSyncTickCommand());
        var statusWhileLeased = await StatusAsync(tenant);
        await TestPostgres.ExecuteAsync(App.ConnectionString, $"UPDATE cafe.pos_configs SET claimed_until = now() - interval '1 second' WHERE id = '{front}'");
        var statusAfterExpiry = await StatusAsync(tenant);
        var tickAfterExpiry = await App.SendAsync(new RunOdooSyncTickCommand());

        Assert.Equal(0, whileLeased.PendingCreates);
        Assert.Equal(0, tickWhileLeased.Tenants);
        Assert.Equal("dead-host:1", Assert.Single(statusWhileLeased.GetProperty("claims").EnumerateArray().ToList()).GetProperty("claimedBy").GetString());
        Assert.Empty(statusAfterExpiry.GetProperty("claims").EnumerateArray());
        Assert.Equal((1, 1), (tickAfterExpiry.Tenants, tickAfterExpiry.Created));
        Assert.Equal(1, Loads());
        var row = Assert.Single(await RowsAsync());
        Assert.Equal(("synced", null, null), ((string)row["sync_state"]!, row["claim_token"], row["claimed_by"]));
    }

    [Fact]
    public async Task A_drain_that_lost_its_lease_mid_push_records_nothing_and_the_next_push_creates_no_duplicate()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        var release = new TaskCompletionSource();
        var held = new FakeOdooFault.Hold(release.Task);
        Odoo.FailNext(1, held, "load");

        var slowDrain = App.DrainAsync(tenant.Id);
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // The lease ran out while Odoo was slow, and another host took the row.
        await ClaimAsDeadHostAsync(front, "1 hour");
        release.SetResult();
        var lost = await slowDrain;

        Assert.Equal(0, lost.Created);
        var row = Assert.Single(await RowsAsync());
        Assert.Equal(("pending_create", "dead-host:1"), ((string)row["sync_state"]!, (string?)row["claimed_by"]));

        await TestPostgres.ExecuteAsync(App.ConnectionString, $"UPDATE cafe.pos_configs SET claimed_until = now() - interval '1 second' WHERE id = '{front}'");
        var retaken = await App.DrainAsync(tenant.Id);

        Assert.Equal(1, retaken.Created);
        Assert.Equal(2, Odoo.PosConfigs.Count);
        Assert.Equal("synced", (await RowsAsync())[0]["sync_state"]);
    }

    [Fact]
    public async Task The_status_shows_which_host_holds_which_register_since_when_and_nothing_once_the_push_ends()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        var release = new TaskCompletionSource();
        var held = new FakeOdooFault.Hold(release.Task);
        Odoo.FailNext(1, held, "load");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var drain = App.DrainAsync(tenant.Id);
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var during = await StatusAsync(tenant);
        release.SetResult();
        await drain;
        var after = await StatusAsync(tenant);

        var claim = Assert.Single(during.GetProperty("claims").EnumerateArray().ToList());
        Assert.Equal(front, claim.GetProperty("registerId").GetGuid());
        Assert.Equal(HostIdentity.Name, claim.GetProperty("claimedBy").GetString());
        Assert.InRange(claim.GetProperty("claimedAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow);
        Assert.True(claim.GetProperty("claimedUntil").GetDateTimeOffset() > claim.GetProperty("claimedAt").GetDateTimeOffset());
        Assert.Empty(after.GetProperty("claims").EnumerateArray());
    }

    [Fact]
    public async Task A_drain_stopped_by_a_tenant_error_gives_its_rows_back_at_once()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        await CreateAsync(tenant, "Front");
        await CreateAsync(tenant, "Back");
        // Twice: the client logs in again once before it believes an AccessDenied.
        Odoo.FailNext(2, new FakeOdooFault.RpcError("odoo.exceptions.AccessDenied", "Access Denied"), "fields_get");

        var result = await App.DrainAsync(tenant.Id);

        Assert.NotNull(result.Skipped);
        Assert.All(await RowsAsync(), row => Assert.Equal(("pending_create", null), ((string)row["sync_state"]!, row["claim_token"])));
    }
}
