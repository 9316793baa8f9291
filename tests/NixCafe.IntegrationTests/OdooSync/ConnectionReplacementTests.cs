using System.Net;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// A connection pointed at another Odoo (server or database) knows none of the registers there:
/// every register is created in the new Odoo, and nothing of the old Odoo's ids ever reaches it.
/// </summary>
public sealed class ConnectionReplacementTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private Task<List<Dictionary<string, object?>>> RowsAsync() =>
        TestPostgres.QueryAsync(App.ConnectionString, "SELECT name, sync_state, odoo_pos_config_id, claim_token FROM cafe.pos_configs ORDER BY name");

    private Task<HttpResponseMessage> PointAtAsync(TestTenant tenant, FakeOdooServer odoo, string database, bool? replaceOdoo) =>
        App.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection",
            new { baseUrl = odoo.BaseUrl.ToString(), database, login = FakeOdooServer.LoginName, apiKey = odoo.ApiKey, replaceOdoo });

    [Fact]
    public async Task A_connection_moved_to_another_Odoo_creates_every_register_there_and_never_touches_that_Odoos_own_configs()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var drive = await CreateAsync(tenant, "Drive");
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        await using var other = await FakeOdooServer.StartAsync();
        // The other Odoo's own configs hold the database ids the old Odoo gave Drive and Front.
        other.Edit(store =>
        {
            store.AddPosConfig("Bar");
            store.AddPosConfig("Kiosk");
        });
        var theirs = other.PosConfigs.Select(config => (config.Id, config.Name, config.Active)).ToList();

        (await PointAtAsync(tenant, other, FakeOdooServer.DatabaseName, replaceOdoo: true)).EnsureSuccessStatusCode();
        (await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        (await tenant.Client.PostAsync($"{Registers}/{front}/deactivate", null)).EnsureSuccessStatusCode();
        await App.DrainAsync(tenant.Id);

        Assert.Equal(theirs, other.PosConfigs.Where(config => theirs.Any(own => own.Id == config.Id)).Select(config => (config.Id, config.Name, config.Active)));
        var counter = Assert.Single(other.PosConfigs, config => config.Id == other.IdOfExternalId($"__nixcafe__.register_{front:N}"));
        var driveThere = Assert.Single(other.PosConfigs, config => config.Id == other.IdOfExternalId($"__nixcafe__.register_{drive:N}"));
        Assert.Equal(("Counter", false, "Drive", true), (counter.Name, counter.Active, driveThere.Name, driveThere.Active));
        Assert.Equal([("Counter", "synced", counter.Id), ("Drive", "synced", driveThere.Id)],
            (await RowsAsync()).Select(row => ((string)row["name"]!, (string)row["sync_state"]!, (int)row["odoo_pos_config_id"]!)));
    }

    [Fact]
    public async Task Moving_to_another_Odoo_is_refused_until_confirmed_and_the_refusal_says_how_many_registers_it_would_push()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        await CreateAsync(tenant, "Drive");
        await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        var before = await RowsAsync();

        var refused = await PointAtAsync(tenant, Odoo, "another-database", replaceOdoo: null);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, problem.GetProperty("registersToPush").GetInt32());
        Assert.Contains("replaceOdoo", problem.GetProperty("detail").GetString());
        Assert.Equal(FakeOdooServer.DatabaseName, (await App.StatusAsync(tenant.Id)).Connection!.Database);
        Assert.Equal(before.Select(row => string.Join(',', row.Values)), (await RowsAsync()).Select(row => string.Join(',', row.Values)));
    }

    [Fact]
    public async Task A_new_key_for_the_same_Odoo_changes_nothing_of_the_registers()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        var before = await RowsAsync();

        // The same server and database, its URL written with a trailing slash less, and a new key.
        var response = await App.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection",
            new { baseUrl = Odoo.BaseUrl.ToString().TrimEnd('/'), database = FakeOdooServer.DatabaseName, login = FakeOdooServer.LoginName, apiKey = Odoo.ApiKey });

        response.EnsureSuccessStatusCode();
        Assert.Equal(before.Select(row => string.Join(',', row.Values)), (await RowsAsync()).Select(row => string.Join(',', row.Values)));
    }

    [Fact]
    public async Task The_move_is_audited_with_how_many_registers_it_queued()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        await using var other = await FakeOdooServer.StartAsync();

        (await PointAtAsync(tenant, other, FakeOdooServer.DatabaseName, replaceOdoo: true)).EnsureSuccessStatusCode();

        var entry = Assert.Single(await TestPostgres.QueryAsync(App.ConnectionString,
            $"SELECT after::text AS after FROM audit.entries WHERE tenant_id = '{tenant.Id}' AND action = 'odoo_connection.moved'"));
        Assert.Contains("\"registersQueued\": 1", (string)entry["after"]!);
        Assert.Contains(other.BaseUrl.ToString(), (string)entry["after"]!);
    }
}
