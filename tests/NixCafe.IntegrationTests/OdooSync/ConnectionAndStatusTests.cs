using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.DeadLetters;
using NixCafe.OdooSync.Features.ManageConnection;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.OdooSync;

public sealed class ConnectionAndStatusTests(OdooSyncFixture app) : IClassFixture<OdooSyncFixture>, IAsyncLifetime
{
    private FakeOdooServer _odoo = null!;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        _odoo = await FakeOdooServer.StartAsync(apiKey: "odoo-key-5f1c9e7d2a");
    }

    public async Task DisposeAsync() => await _odoo.DisposeAsync();

    private async Task<ConnectionTestResult> TestConnectionAsync(Guid tenantId) =>
        await (await app.Operator().PostAsync($"/api/operator/tenants/{tenantId}/odoo-connection/test", null)).ReadOkAsync<ConnectionTestResult>();

    [Fact]
    public async Task The_connection_test_says_what_failed()
    {
        var tenant = await app.CreateTenantAsync("pro");
        var url = _odoo.BaseUrl.ToString();

        await app.ConnectAsync(tenant.Id, url, FakeOdooServer.DatabaseName, _odoo.ApiKey);
        var ok = await TestConnectionAsync(tenant.Id);
        await app.ConnectAsync(tenant.Id, url, FakeOdooServer.DatabaseName, "wrong-key");
        var badKey = await TestConnectionAsync(tenant.Id);
        await app.ConnectAsync(tenant.Id, url, "nosuchdb", _odoo.ApiKey);
        var badDatabase = await TestConnectionAsync(tenant.Id);
        await app.ConnectAsync(tenant.Id, "http://127.0.0.1:1/", FakeOdooServer.DatabaseName, _odoo.ApiKey);
        var unreachable = await TestConnectionAsync(tenant.Id);
        await app.ConnectAsync(tenant.Id, url + "not-odoo/", FakeOdooServer.DatabaseName, _odoo.ApiKey);
        var notOdoo = await TestConnectionAsync(tenant.Id);

        Assert.Equal((true, "rights", "16.0", "jsonrpc"), (ok.Ok, ok.Stage, ok.ServerVersion, ok.Transport));
        Assert.Equal("connected; new registers copy 'Shop' and get a cash journal and cash payment method of their own", ok.Message);
        Assert.Equal((false, "authenticate"), (badKey.Ok, badKey.Stage));
        Assert.StartsWith("bad credentials", badKey.Message);
        Assert.StartsWith("bad database", badDatabase.Message);
        Assert.StartsWith("unreachable or not Odoo", unreachable.Message);
        Assert.StartsWith("unreachable or not Odoo", notOdoo.Message);
        var status = await (await app.Operator().GetAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync")).ReadOkAsync<SyncStatus>();
        Assert.False(status.Connection!.Healthy);
    }

    [Fact]
    public async Task The_api_key_is_stored_encrypted_and_returned_by_no_endpoint()
    {
        var tenant = await app.ConnectedProTenantAsync(_odoo);
        await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" });
        await app.DrainAsync(tenant.Id);

        var stored = await TestPostgres.ScalarAsync<string>(app.ConnectionString, "SELECT api_key_protected FROM odoo_sync.tenant_connections");
        string[] bodies =
        [
            await app.Operator().GetStringAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync"),
            await (await app.Operator().PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection/test", null)).Content.ReadAsStringAsync(),
            await tenant.Client.GetStringAsync("/api/cafe/odoo-sync/status"),
            await tenant.Client.GetStringAsync("/api/cafe/settings/registers"),
        ];

        Assert.DoesNotContain(_odoo.ApiKey, stored);
        Assert.DoesNotContain(_odoo.ApiKey, await DatabaseChecksum.DumpAsync(app.ConnectionString));
        Assert.All(bodies, body => Assert.DoesNotContain(_odoo.ApiKey, body));
    }

    [Fact]
    public async Task Operator_endpoints_refuse_tenant_keys_and_anonymous_callers()
    {
        var tenant = await app.CreateTenantAsync("pro");

        var withTenantKey = await tenant.Client.PostAsync("/api/cafe/cron/odoo-sync", null);
        var connectWithTenantKey = await tenant.Client.PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection",
            new { baseUrl = _odoo.BaseUrl, database = "odoo", login = "admin", apiKey = "x" });
        var anonymous = await app.Anonymous().PostAsync("/api/cafe/cron/odoo-sync", null);

        await withTenantKey.AssertProblemAsync(HttpStatusCode.Forbidden);
        await connectWithTenantKey.AssertProblemAsync(HttpStatusCode.Forbidden);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM odoo_sync.tenant_connections"));
    }

    [Theory]
    [InlineData("ftp://odoo.example/", "odoo", "baseUrl")]
    [InlineData("https://user:pw@odoo.example/", "odoo", "baseUrl")]
    [InlineData("not a url", "odoo", "baseUrl")]
    [InlineData("https://odoo.example/", "", "database")]
    public async Task A_bad_connection_is_refused_with_the_field(string baseUrl, string database, string field)
    {
        var tenant = await app.CreateTenantAsync("pro");

        var response = await app.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection", new { baseUrl, database, login = "admin", apiKey = "k" });

        Assert.NotEmpty((await response.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors(field));
    }

    [Fact]
    public async Task The_cron_endpoint_runs_a_tick_and_answers_its_totals()
    {
        var tenant = await app.ConnectedProTenantAsync(_odoo);
        await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" });

        var totals = JsonDocument.Parse(await (await app.Operator().PostAsync("/api/cafe/cron/odoo-sync", null)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(1, totals.GetProperty("tenants").GetInt32());
        Assert.Equal(1, totals.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Dead_letters_are_listed_and_requeued_by_their_tenant_only()
    {
        var tenant = await app.ConnectedProTenantAsync(_odoo);
        var other = await app.ConnectedProTenantAsync(_odoo, name: "Other");
        var front = (await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;
        _odoo.Edit(store => store.PosConfig(1).Active = false);
        await app.DrainAsync(tenant.Id);

        var status = await (await tenant.Client.GetAsync("/api/cafe/odoo-sync/status")).ReadOkAsync<SyncStatus>();
        var byOther = await other.Client.PostAsync($"/api/cafe/odoo-sync/registers/{front}/requeue", null);
        _odoo.Edit(store => store.PosConfig(1).Active = true);
        var requeued = await tenant.Client.PostAsync($"/api/cafe/odoo-sync/registers/{front}/requeue", null);
        var drained = await app.DrainAsync(tenant.Id);

        var deadLetter = Assert.Single(status.DeadLetters);
        Assert.Equal((front, "Front", 1), (deadLetter.RegisterId, deadLetter.Name, deadLetter.Attempts));
        Assert.StartsWith("NoTemplate", deadLetter.Error);
        Assert.Equal(1, status.CountsByState["sync_error"]);
        await byOther.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
        Assert.Equal(1, drained.Created);
    }

    [Fact]
    public async Task A_register_deleted_in_odoo_can_be_created_there_again()
    {
        var tenant = await app.ConnectedProTenantAsync(_odoo);
        var front = (await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;
        await app.DrainAsync(tenant.Id);
        var firstId = _odoo.IdOfExternalId($"__nixcafe__.register_{front:N}")!.Value;
        _odoo.Edit(store => store.DeletePosConfig(firstId));

        var recreate = await tenant.Client.PostAsync($"/api/cafe/odoo-sync/registers/{front}/recreate", null);
        await app.DrainAsync(tenant.Id);

        Assert.Equal(HttpStatusCode.NoContent, recreate.StatusCode);
        var again = Assert.Single(_odoo.PosConfigs, config => config.Name == "Front");
        Assert.NotEqual(firstId, again.Id);
        Assert.Equal(again.Id, await TestPostgres.ScalarAsync<int>(app.ConnectionString, $"SELECT odoo_pos_config_id FROM cafe.pos_configs WHERE id = '{front}'"));
    }

    [Fact]
    public async Task Drains_skip_starter_tenants_and_pro_tenants_without_a_connection()
    {
        var starter = await app.CreateTenantAsync("starter", "Starter");
        var unconnected = await app.CreateTenantAsync("pro", "Unconnected");
        var front = (await (await unconnected.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = unconnected.ShopId, name = "Front" })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;

        Assert.Equal("not a Pro tenant", (await app.DrainAsync(starter.Id)).Skipped);
        Assert.Equal("no enabled Odoo connection", (await app.DrainAsync(unconnected.Id)).Skipped);
        Assert.Equal("pending_create", await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT sync_state FROM cafe.pos_configs WHERE id = '{front}'"));
        Assert.Empty(_odoo.Calls);
    }
}
