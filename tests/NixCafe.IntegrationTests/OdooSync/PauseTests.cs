using System.Net;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Features.PauseSync;
using NixCafe.OdooSync.Features.RunSyncTick;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>An operator's pause of a tenant's sync, and the tenant's last successful push.</summary>
public sealed class PauseTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private Task<HttpResponseMessage> PauseAsync(Guid tenantId, object? body = null) =>
        App.Operator().PostAsJsonAsync($"/api/operator/tenants/{tenantId}/odoo-sync/pause", body ?? new { reason = "Odoo is being upgraded" });

    private async Task<string> StateAsync(Guid registerId) =>
        (await TestPostgres.ScalarAsync<string>(App.ConnectionString, $"SELECT sync_state FROM cafe.pos_configs WHERE id = '{registerId}'"))!;

    [Fact]
    public async Task A_paused_tenant_is_skipped_by_every_drain_says_so_on_both_status_endpoints_and_resumes_where_it_stopped()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var other = await App.ConnectedProTenantAsync(Odoo, name: "Other cafe");
        var paused = await (await PauseAsync(tenant.Id)).ReadOkAsync<SyncPauseStatus>();
        var front = await CreateAsync(tenant, "Front");
        var drive = await CreateAsync(other, "Drive");

        Assert.Equal((true, "operator", "Odoo is being upgraded"), (paused.Paused, paused.PausedBy, paused.Reason));
        // The operator's drain-now and the tick's selector leave it out; a drain asked for it directly skips it.
        var tick = await App.SendAsync(new RunOdooSyncTickCommand());
        Assert.Equal([other.Id], tick.Results.Select(result => result.TenantId));
        Assert.Equal("synced", await StateAsync(drive));
        var own = await App.DrainAsync(tenant.Id);
        Assert.Contains("paused by operator", own.Skipped);
        Assert.Equal(0, own.PendingCreates);
        Assert.Equal("pending_create", await StateAsync(front));
        Assert.DoesNotContain(Odoo.PosConfigs, config => config.Name == "Front");
        var operatorView = await App.StatusAsync(tenant.Id);
        var tenantView = await (await tenant.Client.GetAsync("/api/cafe/odoo-sync/status")).ReadOkAsync<NixCafe.OdooSync.Features.DeadLetters.SyncStatus>();
        Assert.Equal(paused, operatorView.Pause);
        Assert.Equal(paused, tenantView.Pause);
        // Distinct from an unhealthy connection: the connection itself is fine.
        Assert.True(operatorView.Connection!.Healthy);

        var resumed = await (await App.Operator().PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/resume", null)).ReadOkAsync<SyncPauseStatus>();

        Assert.False(resumed.Paused);
        Assert.Equal(1, (await App.DrainAsync(tenant.Id)).Created);
        Assert.Equal("synced", await StateAsync(front));
        Assert.False((await App.StatusAsync(tenant.Id)).Pause.Paused);
        var audit = await TestPostgres.QueryAsync(App.ConnectionString,
            $"SELECT action, actor_kind FROM audit.entries WHERE tenant_id = '{tenant.Id}' AND action LIKE 'odoo_sync.%' ORDER BY at");
        Assert.Equal(["odoo_sync.paused operator", "odoo_sync.resumed operator"], audit.Select(row => $"{row["action"]} {row["actor_kind"]}"));
    }

    [Fact]
    public async Task Pausing_a_paused_tenant_keeps_the_first_pause_and_records_it_once()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var first = await (await PauseAsync(tenant.Id)).ReadOkAsync<SyncPauseStatus>();
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await (await App.Operator().PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/pause", null)).ReadOkAsync<SyncPauseStatus>();

        Assert.Equal(first, again);
        Assert.Equal(1, await TestPostgres.ScalarAsync<long>(App.ConnectionString, $"SELECT count(*) FROM audit.entries WHERE tenant_id = '{tenant.Id}' AND action = 'odoo_sync.paused'"));
    }

    [Fact]
    public async Task A_pause_is_refused_with_the_field_and_reason_for_a_long_reason_and_404_without_a_connection()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var unconnected = await App.CreateTenantAsync("pro", "Unconnected");

        var problem = await (await PauseAsync(tenant.Id, new { reason = new string('x', 501) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await PauseAsync(unconnected.Id)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.NotEmpty(problem.FieldErrors("reason"));
        Assert.False((await App.StatusAsync(tenant.Id)).Pause.Paused);
    }

    [Fact]
    public async Task The_last_successful_push_is_recorded_by_a_drain_that_pushed_and_only_then()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        Assert.Null((await App.StatusAsync(tenant.Id)).LastPushedAt);
        await CreateAsync(tenant, "Front");
        Odoo.Refusing = true;
        await App.DrainAsync(tenant.Id);
        Assert.Null((await App.StatusAsync(tenant.Id)).LastPushedAt);
        Odoo.Refusing = false;
        App.Clock.Advance(TimeSpan.FromHours(1));

        var drained = await App.DrainAsync(tenant.Id);

        Assert.Equal(1, drained.Created);
        var pushedAt = (await App.StatusAsync(tenant.Id)).LastPushedAt;
        Assert.NotNull(pushedAt);
        Assert.InRange(pushedAt.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        await App.DrainAsync(tenant.Id);
        Assert.Equal(pushedAt, (await App.StatusAsync(tenant.Id)).LastPushedAt);
    }
}
