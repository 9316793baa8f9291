using System.Net;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.OperatorConsole;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Tenants.Features.ChangeTenantPlan;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// "Awaiting adoption": a tenant whose Odoo already has points of sale no register owns gets its
/// creates held instead of duplicated; the operator links each register to an existing record or
/// releases it to be created. Odoo 19's demo data has three shops (the first is the template);
/// 16's has the template alone.
/// </summary>
public sealed class AdoptionTests(AdoptionFixture app) : IClassFixture<AdoptionFixture>, IAsyncLifetime
{
    private const string Registers = "/api/cafe/settings/registers";

    private FakeOdooServer _odoo = null!;

    public async Task InitializeAsync() => await app.ResetAsync();

    public async Task DisposeAsync() => await _odoo.DisposeAsync();

    private async Task<TestTenant> TenantOnOdooAsync(int version)
    {
        _odoo = await FakeOdooServer.StartAsync(version: version);
        return await app.ConnectedProTenantAsync(_odoo);
    }

    private static async Task<Guid> CreateAsync(TestTenant tenant, string name) =>
        (await (await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;

    private async Task<(string State, int? OdooId)> RowAsync(Guid registerId)
    {
        var row = Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString, $"SELECT sync_state, odoo_pos_config_id FROM cafe.pos_configs WHERE id = '{registerId}'"));
        return ((string)row["sync_state"]!, (int?)row["odoo_pos_config_id"]);
    }

    private async Task<List<string>> AuditAsync(Guid tenantId, string action) =>
        (await TestPostgres.QueryAsync(app.ConnectionString,
            $"SELECT actor_kind || ':' || actor_id || ' ' || coalesce(after::text, '') AS entry FROM audit.entries WHERE tenant_id = '{tenantId}' AND action = '{action}' ORDER BY at"))
        .Select(row => (string)row["entry"]!).ToList();

    private Task<HttpResponseMessage> LinkAsync(Guid tenantId, Guid registerId, int odooId) =>
        app.Operator().PostAsJsonAsync($"/api/operator/tenants/{tenantId}/odoo-sync/registers/{registerId}/link", new { odooPosConfigId = odooId });

    private int PosConfigLoads => _odoo.Calls.Count(call => call.ModelMethod == "load" && call.Model == "pos.config");

    private Task<DateTime?> AdoptionCheckedAtAsync(Guid tenantId) => TestPostgres.ScalarAsync<DateTime?>(app.ConnectionString,
        $"SELECT adoption_checked_at FROM odoo_sync.tenant_connections WHERE tenant_id = '{tenantId}'");

    private Task<HttpResponseMessage> PointAtAsync(Guid tenantId, FakeOdooServer odoo, bool replaceOdoo) =>
        app.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenantId}/odoo-connection",
            new { baseUrl = odoo.BaseUrl.ToString(), database = FakeOdooServer.DatabaseName, login = FakeOdooServer.LoginName, apiKey = odoo.ApiKey, replaceOdoo });

    [Fact]
    public async Task Creates_wait_while_Odoo_has_records_no_register_owns_then_each_is_linked_or_released_and_nothing_is_duplicated()
    {
        var tenant = await TenantOnOdooAsync(19);
        var demo = _odoo.PosConfigs.OrderBy(config => config.Id).Select(config => (config.Id, config.Name)).ToList();
        var bakeryShop = demo.Single(config => config.Name == "Bakery Shop").Id;
        var front = await CreateAsync(tenant, "Front");
        var bakery = await CreateAsync(tenant, "Bakery");

        var drain = await app.DrainAsync(tenant.Id);

        Assert.Equal((2, 0), (drain.HeldForAdoption, drain.Created));
        Assert.Equal(0, PosConfigLoads);
        Assert.Equal(("awaiting_adoption", (int?)null), await RowAsync(front));
        Assert.Equal(("awaiting_adoption", (int?)null), await RowAsync(bakery));
        // The records it may be linked to, the template included: the tenant's unknown findings.
        var status = await app.StatusAsync(tenant.Id);
        Assert.Equal(demo.Select(config => config.Id), status.Drift.Findings.Where(finding => finding.Kind == "unknown").Select(finding => finding.OdooPosConfigId));
        Assert.Contains("\"registersHeld\": 2", Assert.Single(await AuditAsync(tenant.Id, "odoo_sync.held_for_adoption")));
        // A held register is waited on, never drained: a second drain makes nothing either.
        Assert.Equal(0, (await app.DrainAsync(tenant.Id)).Created);

        Assert.Equal(HttpStatusCode.NoContent, (await LinkAsync(tenant.Id, bakery, bakeryShop)).StatusCode);

        Assert.Equal(("pending_update", (int?)bakeryShop), await RowAsync(bakery));
        Assert.DoesNotContain((await app.StatusAsync(tenant.Id)).Drift.Findings, finding => finding.OdooPosConfigId == bakeryShop);
        var linked = Assert.Single(await AuditAsync(tenant.Id, "odoo_sync.register_linked"));
        Assert.StartsWith("operator:", linked);
        Assert.Contains("\"odooName\": \"Bakery Shop\"", linked);

        // A record is one register's at most, and only a record found unowned is linked; a refusal changes nothing.
        var taken = await LinkAsync(tenant.Id, front, bakeryShop);
        Assert.Contains("odooPosConfigId", (await taken.AssertProblemAsync(HttpStatusCode.Conflict)).ToString());
        var invented = await LinkAsync(tenant.Id, front, 999_999);
        Assert.Contains("odooPosConfigId", (await invented.AssertProblemAsync(HttpStatusCode.Conflict)).ToString());
        Assert.Equal(("awaiting_adoption", (int?)null), await RowAsync(front));
        await (await LinkAsync(tenant.Id, bakery, demo[0].Id)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(("pending_update", (int?)bakeryShop), await RowAsync(bakery));

        Assert.Equal(HttpStatusCode.NoContent, (await app.Operator().PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/registers/{front}/release", null)).StatusCode);
        Assert.Equal(("pending_create", (int?)null), await RowAsync(front));
        Assert.StartsWith("operator:", Assert.Single(await AuditAsync(tenant.Id, "odoo_sync.register_released")));

        var pushed = await app.DrainAsync(tenant.Id);

        Assert.Equal((1, 1, 0), (pushed.Created, pushed.Updated, pushed.HeldForAdoption));
        Assert.Equal("Bakery", _odoo.PosConfigs.Single(config => config.Id == bakeryShop).Name);
        Assert.Equal(demo.Count + 1, _odoo.PosConfigs.Count);
        Assert.Equal("synced", (await RowAsync(bakery)).State);
        var created = await RowAsync(front);
        Assert.Equal("synced", created.State);
        Assert.Equal("Front", _odoo.PosConfigs.Single(config => config.Id == created.OdooId).Name);
    }

    [Fact]
    public async Task A_tenant_whose_Odoo_has_only_the_template_is_never_held_and_is_looked_at_once()
    {
        var tenant = await TenantOnOdooAsync(16);
        var front = await CreateAsync(tenant, "Front");

        var drain = await app.DrainAsync(tenant.Id);

        Assert.Equal((1, 0), (drain.Created, drain.HeldForAdoption));
        Assert.Equal("synced", (await RowAsync(front)).State);
        Assert.Empty(await AuditAsync(tenant.Id, "odoo_sync.held_for_adoption"));
        Assert.NotNull(await TestPostgres.ScalarAsync<DateTime?>(app.ConnectionString,
            $"SELECT adoption_checked_at FROM odoo_sync.tenant_connections WHERE tenant_id = '{tenant.Id}'"));

        // Decided once per connection: a record made in Odoo later holds nothing.
        _odoo.Edit(store => store.AddPosConfig("Made in the back office"));
        var back = await CreateAsync(tenant, "Back");
        Assert.Equal(1, (await app.DrainAsync(tenant.Id)).Created);
        Assert.Equal("synced", (await RowAsync(back)).State);
    }

    [Fact]
    public async Task Records_the_operator_ignores_hold_nothing()
    {
        var tenant = await TenantOnOdooAsync(19);
        var template = _odoo.PosConfigs.Where(config => config.Active).MinBy(config => config.Id)!.Id;
        foreach (var other in _odoo.PosConfigs.Where(config => config.Id != template).ToList())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await app.Operator().PutAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/ignored-records/{other.Id}", null)).StatusCode);
        }

        var front = await CreateAsync(tenant, "Front");

        Assert.Equal((1, 0), ((await app.DrainAsync(tenant.Id)).Created, (await app.StatusAsync(tenant.Id)).Drift.Findings.Count));
        Assert.Equal("synced", (await RowAsync(front)).State);
    }

    [Fact]
    public async Task A_tenant_key_cannot_link_or_release()
    {
        var tenant = await TenantOnOdooAsync(19);
        var front = await CreateAsync(tenant, "Front");
        await app.DrainAsync(tenant.Id);

        var link = await tenant.Client.PostAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/registers/{front}/link", new { odooPosConfigId = _odoo.PosConfigs[0].Id });
        var release = await tenant.Client.PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/registers/{front}/release", null);

        Assert.Contains(link.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Contains(release.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Equal(("awaiting_adoption", (int?)null), await RowAsync(front));
    }

    [Theory]
    [InlineData(19, "awaiting_adoption")]
    [InlineData(16, "synced")]
    public async Task An_Odoo_that_fails_the_look_for_records_to_adopt_gets_nothing_created_and_the_drain_after_it_answers_holds_or_creates(int version, string decided)
    {
        var tenant = await TenantOnOdooAsync(version);
        var before = (PosConfigs: _odoo.PosConfigs.Count, Journals: _odoo.Journals.Count, Methods: _odoo.PaymentMethods.Count);
        var front = await CreateAsync(tenant, "Front");
        // The look is the drain's only search_read that sees archived records.
        _odoo.FailNext(1, new FakeOdooFault.ServiceUnavailable(), call => call.ModelMethod == "search_read" && call.SeesArchived);

        var failed = await app.DrainAsync(tenant.Id);

        Assert.Equal((1, 0, 0), (failed.FailedCreates, failed.Created, failed.HeldForAdoption));
        Assert.Equal(before, (_odoo.PosConfigs.Count, _odoo.Journals.Count, _odoo.PaymentMethods.Count));
        Assert.DoesNotContain(_odoo.Calls, call => call.ModelMethod == "load");
        // Like any passing failure of a push: a retry spent, the reason kept, the question still open.
        var row = Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString,
            $"SELECT sync_state, odoo_sync_retries, sync_error_message FROM cafe.pos_configs WHERE id = '{front}'"));
        Assert.Equal(("pending_create", 1), ((string)row["sync_state"]!, (int)row["odoo_sync_retries"]!));
        Assert.Contains("503", (string)row["sync_error_message"]!);
        Assert.Null(await AdoptionCheckedAtAsync(tenant.Id));
        Assert.True((await app.StatusAsync(tenant.Id)).Connection!.Healthy);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var answered = await app.DrainAsync(tenant.Id);

        Assert.Equal(decided, (await RowAsync(front)).State);
        Assert.Equal(decided == "synced" ? (1, 0) : (0, 1), (answered.Created, answered.HeldForAdoption));
        Assert.Equal(before.PosConfigs + (decided == "synced" ? 1 : 0), _odoo.PosConfigs.Count);
        Assert.NotNull(await AdoptionCheckedAtAsync(tenant.Id));
    }

    [Fact]
    public async Task An_Odoo_that_refuses_the_look_for_records_to_adopt_marks_the_connection_unhealthy_spends_no_retry_and_asks_again_once_fixed()
    {
        var tenant = await TenantOnOdooAsync(19);
        var front = await CreateAsync(tenant, "Front");
        // The key's user lost its Point of Sale rights: a human must act on the Odoo side.
        _odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.AccessError", "You are not allowed to access 'Point of Sale Configuration' (pos.config) records."),
            call => call.ModelMethod == "search_read" && call.SeesArchived);

        var refused = await app.DrainAsync(tenant.Id);

        Assert.Contains("unhealthy", refused.Skipped);
        Assert.Equal((0, 0), (refused.Created, refused.HeldForAdoption));
        Assert.DoesNotContain(_odoo.Calls, call => call.ModelMethod == "load");
        var row = Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString,
            $"SELECT sync_state, odoo_sync_retries FROM cafe.pos_configs WHERE id = '{front}'"));
        Assert.Equal(("pending_create", 0), ((string)row["sync_state"]!, (int)row["odoo_sync_retries"]!));
        var connection = (await app.StatusAsync(tenant.Id)).Connection!;
        Assert.False(connection.Healthy);
        Assert.Contains("not allowed", connection.LastError);
        Assert.Null(await AdoptionCheckedAtAsync(tenant.Id));

        // The operator restored the rights and saved the connection again: the look runs before any create.
        await app.ConnectAsync(tenant.Id, _odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, _odoo.ApiKey);
        var answered = await app.DrainAsync(tenant.Id);

        Assert.Equal((0, 1), (answered.Created, answered.HeldForAdoption));
        Assert.Equal(("awaiting_adoption", (int?)null), await RowAsync(front));
        Assert.NotNull(await AdoptionCheckedAtAsync(tenant.Id));
    }

    [Fact]
    public async Task Moving_the_connection_to_another_Odoo_asks_again_and_a_new_key_for_the_same_Odoo_does_not()
    {
        var tenant = await TenantOnOdooAsync(16);
        var front = await CreateAsync(tenant, "Front");
        Assert.Equal(1, (await app.DrainAsync(tenant.Id)).Created);
        var checkedAt = await AdoptionCheckedAtAsync(tenant.Id);
        Assert.NotNull(checkedAt);

        // The same Odoo with a new key: its records were looked at already.
        (await PointAtAsync(tenant.Id, _odoo, replaceOdoo: false)).EnsureSuccessStatusCode();
        Assert.Equal(checkedAt, await AdoptionCheckedAtAsync(tenant.Id));

        await using var other = await FakeOdooServer.StartAsync(version: 19);
        var theirs = other.PosConfigs.Count;
        (await PointAtAsync(tenant.Id, other, replaceOdoo: true)).EnsureSuccessStatusCode();

        Assert.Null(await AdoptionCheckedAtAsync(tenant.Id));
        var drain = await app.DrainAsync(tenant.Id);

        // The other Odoo's shops are looked at before anything is made there: Front waits for the operator.
        Assert.Equal((0, 1), (drain.Created, drain.HeldForAdoption));
        Assert.Equal(("awaiting_adoption", (int?)null), await RowAsync(front));
        Assert.Equal(theirs, other.PosConfigs.Count);
        Assert.DoesNotContain(other.Calls, call => call.ModelMethod == "load");
        Assert.NotNull(await AdoptionCheckedAtAsync(tenant.Id));
    }

    [Fact]
    public async Task A_tenant_back_on_Pro_asks_again_before_creating_what_it_made_meanwhile()
    {
        var tenant = await TenantOnOdooAsync(16);
        var front = await CreateAsync(tenant, "Front");
        Assert.Equal(1, (await app.DrainAsync(tenant.Id)).Created);
        await app.SendAsync(new ChangeTenantPlanCommand(tenant.Id, "starter"));
        var back = await CreateAsync(tenant, "Back");
        // Meanwhile someone made a point of sale in Odoo's back office, perhaps for the same till.
        _odoo.Edit(store => store.AddPosConfig("Back till"));
        var before = _odoo.PosConfigs.Count;

        await app.SendAsync(new ChangeTenantPlanCommand(tenant.Id, "pro"));

        Assert.Null(await AdoptionCheckedAtAsync(tenant.Id));
        var drain = await app.DrainAsync(tenant.Id);
        Assert.Equal((0, 1), (drain.Created, drain.HeldForAdoption));
        Assert.Equal(("awaiting_adoption", (int?)null), await RowAsync(back));
        Assert.Equal("synced", (await RowAsync(front)).State);
        Assert.Equal(before, _odoo.PosConfigs.Count);
        Assert.Contains((await app.StatusAsync(tenant.Id)).Drift.Findings, finding => finding.Kind == "unknown" && finding.OdooName == "Back till");
    }

    [Fact]
    public async Task A_held_tenant_needs_the_operator_even_when_every_record_it_could_take_is_ignored()
    {
        var tenant = await TenantOnOdooAsync(19);
        var front = await CreateAsync(tenant, "Front");
        Assert.Equal(1, (await app.DrainAsync(tenant.Id)).HeldForAdoption);

        foreach (var finding in (await app.StatusAsync(tenant.Id)).Drift.Findings)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await app.Operator().PutAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/ignored-records/{finding.OdooPosConfigId}", null)).StatusCode);
        }

        var needy = await (await app.Operator().GetAsync("/api/operator/tenants?needsAttention=true")).ReadOkAsync<TenantOverviewPage>();

        // Front still waits for a link or a release, which only the operator can give.
        Assert.Equal(("awaiting_adoption", (int?)null), await RowAsync(front));
        var row = Assert.Single(needy.Tenants);
        Assert.Equal((tenant.Id, true, 0), (row.Id, row.NeedsAttention, row.DriftFindings));
    }
}
