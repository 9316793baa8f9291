using System.Net;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Features.OperationalHealth;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Telemetry;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Observability;

[Collection(ObservabilityCollection.Name)]
public sealed class MetricsTests(ObservabilityFixture app) : IClassFixture<ObservabilityFixture>
{
    [Fact]
    public async Task A_scrape_after_drains_finds_each_counter_moved_by_what_the_drains_did_and_no_tenant_data()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await app.ConnectedProTenantAsync(odoo);
        var before = await app.ScrapeAsync();

        // Two creates; one rename; a rename Odoo refuses (a dead letter at once).
        var front = await CreateAsync(tenant, "Front");
        var back = await CreateAsync(tenant, "Back");
        await app.DrainAsync(tenant.Id);
        await RenameAsync(tenant, front, "Counter");
        await app.DrainAsync(tenant.Id);
        odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", "name refused"));
        await RenameAsync(tenant, back, "Terrace");
        await app.DrainAsync(tenant.Id);
        // The gauges keep one read for a moment: the next scrape reads them afresh.
        await Task.Delay(QueueGauges.Freshness);
        var after = await app.ScrapeAsync();

        double Moved(string name, params (string, string)[] labels) => after.MovedSince(before, name, labels);
        Assert.True(Moved("nixcafe_odoo_sync_pushes_total", ("outcome", "created")) == 2, after.Text);
        Assert.Equal(1, Moved("nixcafe_odoo_sync_pushes_total", ("outcome", "updated")));
        Assert.Equal(1, Moved("nixcafe_odoo_sync_pushes_total", ("outcome", "failed_record")));
        Assert.Equal(0, Moved("nixcafe_odoo_sync_pushes_total", ("outcome", "failed_transient")));
        Assert.Equal(1, Moved("nixcafe_odoo_sync_dead_letters_total", ("reason", "refused")));
        Assert.Equal(3, Moved("nixcafe_odoo_sync_drains_total", ("trigger", "operator")));
        Assert.Equal(3, Moved("nixcafe_odoo_sync_drain_duration_seconds_count", ("trigger", "operator")));
        Assert.Equal(2, Moved("nixcafe_registers_changes_total", ("kind", "created")));
        Assert.Equal(2, Moved("nixcafe_registers_changes_total", ("kind", "renamed")));
        // Creates go in three loads (cash journals, cash methods, configs), the rename in one; the refused one failed.
        Assert.Equal(4, Moved("nixcafe_odoo_sync_odoo_call_duration_seconds_count", ("odoo_method", "load"), ("outcome", "ok")));
        Assert.Equal(1, Moved("nixcafe_odoo_sync_odoo_call_duration_seconds_count", ("odoo_method", "load"), ("outcome", "record")));
        Assert.Equal(0, after.Sum("nixcafe_odoo_sync_drains_active"));

        // The cluster-wide gauges, read from the database at the scrape.
        Assert.Equal(1, after.Sum("nixcafe_odoo_sync_registers_dead_lettered"));
        Assert.Equal(0, after.Sum("nixcafe_odoo_sync_registers_due"));
        Assert.Equal(0, after.Sum("nixcafe_odoo_sync_registers_oldest_due_age_seconds"));
        Assert.Equal(0, after.Sum("nixcafe_odoo_sync_tenants_unhealthy"));
        Assert.True(after.Has("nixcafe_odoo_sync_tenants_paused"));
        Assert.Equal(1, after.Sum("nixcafe_database_up"));

        // The instrumentation is on, and the tenant's Odoo host labels nothing. (The fake Odoo's own
        // Kestrel, in this process, shows its port in Kestrel's metrics: meters are process-wide.)
        Assert.DoesNotContain(after.Text.Split('\n'), line => line.StartsWith("http_client_", StringComparison.Ordinal) && line.Contains("server_", StringComparison.Ordinal));
        Assert.True(after.Has("http_server_request_duration_seconds_count"), "ASP.NET Core's metrics are missing");
        Assert.True(after.Has("http_client_request_duration_seconds_count"), "HttpClient's metrics are missing");
        // Odoo closes every connection, so HttpClient's connection instruments would only repeat the requests'.
        Assert.DoesNotContain("http_client_connection_duration", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("http_client_open_connections", after.Text, StringComparison.Ordinal);
        Assert.Contains("dotnet_", after.Text, StringComparison.Ordinal);
        Assert.Contains("db_client_", after.Text, StringComparison.Ordinal);
        foreach (var tenantData in new[] { tenant.Id.ToString(), front.Id.ToString(), "Counter", "Terrace", odoo.BaseUrl.Authority, "dns_" })
        {
            Assert.False(after.Text.Contains(tenantData, StringComparison.Ordinal), $"/metrics shows {tenantData}:\n{string.Join('\n', after.Text.Split('\n').Where(line => line.Contains(tenantData, StringComparison.Ordinal)).Take(5))}");
        }
    }

    [Fact]
    public async Task A_scrape_counts_failed_pushes_by_whose_fault_and_drains_by_trigger()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await app.ConnectedProTenantAsync(odoo);
        var front = await CreateAsync(tenant, "Front");
        await app.DrainAsync(tenant.Id);
        var before = await app.ScrapeAsync();

        // A rename whose load meets a 503 (a passing failure), then, once its retry is due, Odoo
        // refusing the key's rights (the tenant's failure), in a drain a tick trigger runs.
        await RenameAsync(tenant, front, "Counter");
        odoo.FailNext(1, new FakeOdooFault.ServiceUnavailable(), "load");
        await app.DrainAsync(tenant.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.AccessError", "You are not allowed to modify 'Point of Sale Configuration' (pos.config) records."), "load");
        Assert.Equal(1, await app.SendAsync(new DrainTenantsCommand([tenant.Id])));
        var after = await app.ScrapeAsync();

        (string Name, string Label, string Value, double By)[] expected =
        [
            ("nixcafe_odoo_sync_pushes_total", "outcome", "failed_transient", 1),
            ("nixcafe_odoo_sync_pushes_total", "outcome", "failed_tenant", 1),
            ("nixcafe_odoo_sync_pushes_total", "outcome", "updated", 0),
            ("nixcafe_odoo_sync_drains_total", "trigger", "operator", 1),
            ("nixcafe_odoo_sync_drains_total", "trigger", "tick", 1),
            ("nixcafe_odoo_sync_drain_duration_seconds_count", "trigger", "tick", 1),
        ];
        AssertMoved(before, after, expected);
    }

    [Fact]
    public async Task A_scrape_counts_an_edit_made_during_its_push_as_requeued_and_a_tenants_own_drain_as_immediate()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await app.ConnectedProTenantAsync(odoo);
        var front = await CreateAsync(tenant, "Front");
        var before = await app.ScrapeAsync();

        // The create's config load is held while the register is renamed, in a drain on the tenant's
        // own trigger (as its job runs it): the create lands, the row goes back for the new name.
        var release = new TaskCompletionSource();
        odoo.FailNext(1, new FakeOdooFault.Hold(release.Task), "load", model: "pos.config");
        var drain = app.SendAsync(new DrainPosConfigQueueCommand(tenant.Id, DrainTrigger.Immediate));
        await Eventually.TrueAsync(() => odoo.Calls.Any(call => call is { ModelMethod: "load", Model: "pos.config" }), "the create's config load reaching Odoo");

        await RenameAsync(tenant, front, "Counter");
        release.SetResult();
        var result = await drain;
        var after = await app.ScrapeAsync();

        Assert.Equal((1, 1), (result.Created, result.RequeuedForDivergence));
        // A push has one outcome (docs/observability.md): this create counts as requeued, not created.
        (string Name, string Label, string Value, double By)[] expected =
        [
            ("nixcafe_odoo_sync_pushes_total", "outcome", "requeued", 1),
            ("nixcafe_odoo_sync_pushes_total", "outcome", "created", 0),
            ("nixcafe_odoo_sync_drains_total", "trigger", "immediate", 1),
            ("nixcafe_odoo_sync_drain_duration_seconds_count", "trigger", "immediate", 1),
            ("nixcafe_odoo_sync_drains_total", "trigger", "operator", 0),
        ];
        AssertMoved(before, after, expected);
    }

    [Fact]
    public async Task The_gauges_count_due_registers_how_long_the_oldest_has_waited_and_paused_tenants()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await app.ConnectedProTenantAsync(odoo);
        await CreateAsync(tenant, "Front");
        await CreateAsync(tenant, "Back");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await Task.Delay(QueueGauges.Freshness);

        var scrape = await app.ScrapeAsync();

        Assert.Equal(2, scrape.Sum("nixcafe_odoo_sync_registers_due"));
        Assert.Equal(180, scrape.Sum("nixcafe_odoo_sync_registers_oldest_due_age_seconds"), 0.5);
        Assert.Equal(0, scrape.Sum("nixcafe_odoo_sync_tenants_paused"));

        (await app.Operator().PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/pause", null)).EnsureSuccessStatusCode();
        await Task.Delay(QueueGauges.Freshness);

        Assert.Equal(1, (await app.ScrapeAsync()).Sum("nixcafe_odoo_sync_tenants_paused"));
    }

    [Fact]
    public async Task Metrics_answer_only_the_operator()
    {
        var anonymous = await app.Anonymous().GetAsync("/metrics");
        var tenant = await app.CreateTenantAsync();
        var asTenant = await tenant.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(asTenant.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });
        Assert.Contains("nixcafe_database_up", (await app.ScrapeAsync()).Text, StringComparison.Ordinal);
    }

    /// <summary>Each counter, with one label, moved by the amount given between the two scrapes.</summary>
    private static void AssertMoved(PrometheusScrape before, PrometheusScrape after, (string Name, string Label, string Value, double By)[] expected) =>
        Assert.All(expected, counter => Assert.True(after.MovedSince(before, counter.Name, (counter.Label, counter.Value)) == counter.By,
            $"{counter.Name}{{{counter.Label}=\"{counter.Value}\"}} moved by {after.MovedSince(before, counter.Name, (counter.Label, counter.Value))}, not {counter.By}"));

    private static async Task<RegisterResponse> CreateAsync(TestTenant tenant, string name) =>
        await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);

    private static async Task RenameAsync(TestTenant tenant, RegisterResponse register, string name) =>
        (await tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{register.Id}/name", new { name })).EnsureSuccessStatusCode();
}
