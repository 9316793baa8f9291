using System.Net;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.DeadLetters;
using NixCafe.OdooSync.Features.ReconcileDrift;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// The drift check against the fake Odoo, whose records a back-office user edits, archives and
/// deletes behind NixCafe's back: each kind of drift under each policy, what the status endpoints
/// show, and what the database and Odoo hold afterwards.
/// </summary>
public sealed class DriftTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private async Task<(TestTenant Tenant, Guid Front, int OdooId)> SyncedFrontAsync(string policy = "report")
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        if (policy != "report")
        {
            (await App.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/drift-policy", new { policy })).EnsureSuccessStatusCode();
        }

        // The demo data's records are no register's: ignored, so each test sees only the drift it makes.
        foreach (var demo in Odoo.PosConfigs.Where(config => config.Id != InOdoo(front).Id))
        {
            (await App.Operator().PutAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/ignored-records/{demo.Id}", null)).EnsureSuccessStatusCode();
        }

        return (tenant, front, InOdoo(front).Id);
    }

    private async Task<DriftCheckResult> CheckAsync(Guid tenantId) =>
        await (await App.Operator().PostAsync($"/api/operator/tenants/{tenantId}/odoo-sync/drift-check", null)).ReadOkAsync<DriftCheckResult>();

    private async Task<string> StateAsync(Guid registerId) =>
        (await TestPostgres.ScalarAsync<string>(App.ConnectionString, $"SELECT sync_state FROM cafe.pos_configs WHERE id = '{registerId}'"))!;

    private async Task<List<string>> AuditAsync(Guid tenantId, string action) =>
        (await TestPostgres.QueryAsync(App.ConnectionString, $"SELECT actor_kind || ' ' || after::text AS entry FROM audit.entries WHERE tenant_id = '{tenantId}' AND action = '{action}' ORDER BY at"))
        .Select(row => (string)row["entry"]!).ToList();

    public static TheoryData<string, string> Kinds => new()
    {
        { "renamed", "report" }, { "renamed", "repair" },
        { "archived", "report" }, { "archived", "repair" },
        { "unarchived", "report" }, { "unarchived", "repair" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_record_renamed_archived_or_unarchived_in_Odoo_is_found_shown_and_under_repair_pushed_back_as_NixCafe_has_it(string kind, string policy)
    {
        var (tenant, front, odooId) = await SyncedFrontAsync(policy);
        if (kind == "unarchived")
        {
            await tenant.Client.PostAsync($"{Registers}/{front}/deactivate", null);
            await App.DrainAsync(tenant.Id);
        }

        Odoo.Edit(store =>
        {
            switch (kind)
            {
                case "renamed": store.RenamePosConfig(odooId, "Front [TEST]"); break;
                case "archived": store.ArchivePosConfig(odooId); break;
                default: store.ArchivePosConfig(odooId, active: true); break;
            }
        });

        var check = await CheckAsync(tenant.Id);

        var finding = Assert.Single(check.Findings);
        Assert.Equal((kind, odooId, front, "Front"), (finding.Kind, finding.OdooPosConfigId, finding.RegisterId, finding.RegisterName));
        Assert.Equal(kind == "renamed" ? "Front [TEST]" : "Front", finding.OdooName);
        var status = await (await tenant.Client.GetAsync("/api/cafe/odoo-sync/status")).ReadOkAsync<SyncStatus>();
        Assert.Equal(kind, Assert.Single(status.Drift.Findings).Kind);
        Assert.Equal(check.CheckedAt, status.Drift.LastCheckAt);
        if (policy == "report")
        {
            Assert.Equal(0, check.Repaired);
            Assert.Equal("synced", await StateAsync(front));
            Assert.Empty(await AuditAsync(tenant.Id, "odoo_sync.drift_repaired"));
            return;
        }

        Assert.Equal(1, check.Repaired);
        Assert.Equal("pending_update", await StateAsync(front));
        Assert.Contains("\"repairedBy\": \"system\"", Assert.Single(await AuditAsync(tenant.Id, "odoo_sync.drift_repaired")));
        await App.DrainAsync(tenant.Id);
        Assert.Equal(("Front", kind != "unarchived"), (InOdoo(front).Name, InOdoo(front).Active));
        // The two sides agree again: the next check clears the finding by itself.
        Assert.Empty((await CheckAsync(tenant.Id)).Findings);
        Assert.Empty((await App.StatusAsync(tenant.Id)).Drift.Findings);
    }

    [Theory]
    [InlineData("report", 16)]
    [InlineData("repair", 16)]
    [InlineData("report", 19)]
    [InlineData("repair", 19)]
    public async Task A_record_deleted_in_Odoo_is_found_and_under_repair_created_again_once(string policy, int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var (tenant, front, odooId) = await SyncedFrontAsync(policy);
        Odoo.Edit(store => store.DeletePosConfig(odooId));

        var check = await CheckAsync(tenant.Id);

        var finding = Assert.Single(check.Findings);
        Assert.Equal(("deleted", odooId, front, (string?)null), (finding.Kind, finding.OdooPosConfigId, finding.RegisterId, finding.OdooName));
        if (policy == "report")
        {
            Assert.Equal("synced", await StateAsync(front));
            Assert.DoesNotContain(Odoo.PosConfigs, config => config.Name == "Front");
            return;
        }

        Assert.Equal("pending_create", await StateAsync(front));
        await App.DrainAsync(tenant.Id);
        var recreated = Assert.Single(Odoo.PosConfigs, config => config.Name == "Front");
        Assert.NotEqual(odooId, recreated.Id);
        Assert.Equal(recreated.Id, InOdoo(front).Id);
        Assert.Empty((await CheckAsync(tenant.Id)).Findings);
    }

    [Fact]
    public async Task A_record_no_register_owns_is_reported_never_touched_and_the_operator_can_ignore_it()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        (await App.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/drift-policy", new { policy = "repair" })).EnsureSuccessStatusCode();
        var before = Odoo.PosConfigs.Select(config => (config.Id, config.Name, config.Active)).ToList();
        var demo = Odoo.PosConfigs.Where(config => config.Id != InOdoo(front).Id).Select(config => config.Id).Order().ToList();
        Assert.NotEmpty(demo);
        var loadsBefore = Loads();

        var check = await CheckAsync(tenant.Id);

        Assert.Equal(demo, check.Findings.Select(finding => finding.OdooPosConfigId).Order());
        Assert.All(check.Findings, finding => Assert.Equal(("unknown", (Guid?)null), (finding.Kind, finding.RegisterId)));
        Assert.Equal(0, check.Repaired);
        Assert.Equal(loadsBefore, Loads());
        Assert.Equal(before, Odoo.PosConfigs.Select(config => (config.Id, config.Name, config.Active)).ToList());

        var template = Template.Id;
        Assert.Equal(HttpStatusCode.NoContent, (await App.Operator().PutAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/ignored-records/{template}", null)).StatusCode);
        Assert.DoesNotContain((await App.StatusAsync(tenant.Id)).Drift.Findings, finding => finding.OdooPosConfigId == template);
        Assert.DoesNotContain((await CheckAsync(tenant.Id)).Findings, finding => finding.OdooPosConfigId == template);
        Assert.Single(await AuditAsync(tenant.Id, "odoo_sync.odoo_record_ignored"));

        // A register's own record is never ignored (it would hide a deletion).
        var owned = await App.Operator().PutAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/ignored-records/{InOdoo(front).Id}", null);
        Assert.Contains("odooPosConfigId", (await owned.AssertProblemAsync(HttpStatusCode.Conflict)).ToString());

        Assert.Equal(HttpStatusCode.NoContent, (await App.Operator().DeleteAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/ignored-records/{template}")).StatusCode);
        Assert.Contains((await CheckAsync(tenant.Id)).Findings, finding => finding.OdooPosConfigId == template);
    }

    [Fact]
    public async Task A_register_pending_or_in_flight_is_not_drift_even_when_Odoo_differs()
    {
        var (tenant, front, odooId) = await SyncedFrontAsync("repair");
        await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Front counter" });
        Odoo.Edit(store => store.RenamePosConfig(odooId, "Front [TEST]"));

        var check = await CheckAsync(tenant.Id);

        Assert.Empty(check.Findings);
        Assert.Equal(0, check.Repaired);
        await App.DrainAsync(tenant.Id);
        Assert.Equal("Front counter", InOdoo(front).Name);
    }

    [Fact]
    public async Task A_register_carried_over_with_an_Odoo_id_but_no_external_id_is_found_by_its_id_never_read_as_deleted()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        // As Bundle 1's backfill left it: the old system's record, with no __nixcafe__ external id.
        var legacy = 0;
        Odoo.Edit(store => legacy = store.AddPosConfig("Front").Id);
        await TestPostgres.ExecuteAsync(App.ConnectionString, $"UPDATE cafe.pos_configs SET sync_state = 'synced', odoo_pos_config_id = {legacy} WHERE id = '{front}'");
        Assert.Null(Odoo.IdOfExternalId($"__nixcafe__.register_{front:N}"));
        (await App.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/drift-policy", new { policy = "repair" })).EnsureSuccessStatusCode();
        var count = Odoo.PosConfigs.Count;

        var check = await CheckAsync(tenant.Id);

        Assert.DoesNotContain(check.Findings, finding => finding.RegisterId == front || finding.OdooPosConfigId == legacy);
        Assert.Equal("synced", await StateAsync(front));
        await App.DrainAsync(tenant.Id);
        Assert.Equal(count, Odoo.PosConfigs.Count);
    }

    [Fact]
    public async Task An_Odoo_that_is_down_fails_the_check_softly_recorded_and_never_repairs_anything()
    {
        var (tenant, front, odooId) = await SyncedFrontAsync("repair");
        Odoo.Edit(store => store.RenamePosConfig(odooId, "Front [TEST]"));
        var found = await CheckAsync(tenant.Id);
        await TestPostgres.ExecuteAsync(App.ConnectionString, $"UPDATE cafe.pos_configs SET sync_state = 'synced' WHERE id = '{front}'");
        Odoo.Edit(store => store.DeletePosConfig(odooId));
        Odoo.Refusing = true;

        var failed = await CheckAsync(tenant.Id);

        Assert.NotNull(failed.Error);
        Assert.Equal(0, failed.Repaired);
        Assert.Equal("synced", await StateAsync(front));
        // The last finished check's findings stay; the failure is on the status, and the next check runs.
        Assert.Equal(found.Findings.Select(finding => finding.Kind), failed.Findings.Select(finding => finding.Kind));
        var status = await App.StatusAsync(tenant.Id);
        Assert.Equal(failed.Error, status.Drift.LastCheckError);
        Odoo.Refusing = false;
        var retried = await CheckAsync(tenant.Id);
        Assert.Null(retried.Error);
        Assert.Equal("deleted", Assert.Single(retried.Findings).Kind);
        Assert.Null((await App.StatusAsync(tenant.Id)).Drift.LastCheckError);
    }

    [Fact]
    public async Task A_check_over_many_registers_costs_a_fixed_few_Odoo_calls_never_one_per_register()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        for (var i = 0; i < 25; i++)
        {
            await CreateAsync(tenant, $"Till {i:00}");
        }

        await App.DrainAsync(tenant.Id);
        await App.DrainAsync(tenant.Id);
        var before = Odoo.Calls.Count;

        var check = await CheckAsync(tenant.Id);

        // One read of the registers' records by id (up to 500 ids a call), one of the records beyond them.
        Assert.Equal(2, check.OdooCalls);
        Assert.Equal(["search_read", "search_read"], Odoo.Calls.Skip(before).Where(call => call.ModelMethod is not null).Select(call => call.ModelMethod));
    }

    [Fact]
    public async Task Policies_and_ignores_are_refused_with_the_field_and_reason_and_change_nothing()
    {
        var (tenant, _, _) = await SyncedFrontAsync();

        var policy = await App.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/drift-policy", new { policy = "fix-it" });
        Assert.NotEmpty((await policy.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("policy"));
        var ignore = await App.Operator().PutAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/ignored-records/0", null);
        Assert.NotEmpty((await ignore.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("odooPosConfigId"));
        await (await App.Operator().PostAsync($"/api/operator/tenants/{Guid.NewGuid()}/odoo-sync/drift-check", null)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("report", (await App.StatusAsync(tenant.Id)).Drift.Policy);
    }
    [Fact]
    public async Task A_check_of_a_tenant_whose_check_is_running_elsewhere_is_skipped_and_a_lease_that_ran_out_is_taken()
    {
        var (tenant, _, odooId) = await SyncedFrontAsync();
        Odoo.Edit(store => store.RenamePosConfig(odooId, "Front [TEST]"));
        // Another host's check holds the tenant (the lease is on the database's clock).
        await TestPostgres.ExecuteAsync(App.ConnectionString,
            $"UPDATE odoo_sync.tenant_connections SET drift_check_leased_until = clock_timestamp() + interval '5 minutes' WHERE tenant_id = '{tenant.Id}'");
        var before = Odoo.Calls.Count;

        var skipped = await CheckAsync(tenant.Id);

        Assert.Equal("another drift check of this tenant is running", skipped.Skipped);
        Assert.Empty(skipped.Findings);
        Assert.Equal(before, Odoo.Calls.Count);
        await TestPostgres.ExecuteAsync(App.ConnectionString,
            $"UPDATE odoo_sync.tenant_connections SET drift_check_leased_until = clock_timestamp() - interval '1 second' WHERE tenant_id = '{tenant.Id}'");
        Assert.Equal("renamed", Assert.Single((await CheckAsync(tenant.Id)).Findings).Kind);
        Assert.Null(await TestPostgres.ScalarAsync<DateTime?>(App.ConnectionString,
            $"SELECT drift_check_leased_until FROM odoo_sync.tenant_connections WHERE tenant_id = '{tenant.Id}'"));
    }
}
