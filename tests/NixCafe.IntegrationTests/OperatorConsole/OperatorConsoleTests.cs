using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.OperatorConsole;
using NixCafe.OdooSync.Features.SyncFigures;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Tenants.Features.IssueOperatorKey;
using NixCafe.Tenants.Features.RevokeOperatorKey;

namespace NixCafe.IntegrationTests.OperatorConsole;

/// <summary>
/// Named operators, the console's session, and the console's reads and actions over the operator
/// API, against the real database and the fake Odoo. Sessions go over https://, as a deployed host is reached.
/// </summary>
public sealed class OperatorConsoleTests(OdooSyncFixture app) : IClassFixture<OdooSyncFixture>, IAsyncLifetime
{
    private const string OperatorCookie = "__Host-NixCafe.Operator";
    private FakeOdooServer _odoo = null!;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        _odoo = await FakeOdooServer.StartAsync();
    }

    public async Task DisposeAsync() => await _odoo.DisposeAsync();

    private FakeBrowser NewBrowser()
    {
        var client = app.Anonymous();
        client.BaseAddress = new Uri("https://localhost/");
        return new FakeBrowser(client);
    }

    private HttpClient OperatorWithKey(string key)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<string?> LatestAuditAsync(Guid tenantId, string action) =>
        await TestPostgres.ScalarAsync<string>(app.ConnectionString,
            $"SELECT actor_kind || ':' || actor_id FROM audit.entries WHERE tenant_id = '{tenantId}' AND action = '{action}' ORDER BY id DESC LIMIT 1");

    [Fact]
    public async Task A_named_operator_key_is_stored_as_a_salted_hash_works_until_revoked_and_the_audit_trail_names_its_operator()
    {
        var tenant = await app.CreateTenantAsync("pro");
        var issued = await app.SendAsync(new IssueOperatorKeyCommand("  Alice  "));
        var alice = OperatorWithKey(issued.Key);

        Assert.StartsWith("nco_", issued.Key, StringComparison.Ordinal);
        Assert.Equal("Alice", issued.Name);
        var stored = await TestPostgres.QueryAsync(app.ConnectionString, "SELECT * FROM commerce.operator_keys");
        Assert.DoesNotContain(issued.Key[(issued.Key.IndexOf('.') + 1)..], string.Join("|", stored.SelectMany(row => row.Values).Select(value => value is byte[] bytes ? Convert.ToBase64String(bytes) : $"{value}")));
        (await alice.PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection",
            new { baseUrl = _odoo.BaseUrl.ToString(), database = FakeOdooServer.DatabaseName, login = FakeOdooServer.LoginName, apiKey = _odoo.ApiKey })).EnsureSuccessStatusCode();
        await app.ConnectAsync(tenant.Id, _odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, _odoo.ApiKey + "x");
        Assert.Equal("operator:Alice", await TestPostgres.ScalarAsync<string>(app.ConnectionString,
            $"SELECT actor_kind || ':' || actor_id FROM audit.entries WHERE tenant_id = '{tenant.Id}' ORDER BY id LIMIT 1"));
        // The configured key is the operator named "operator", as every operator was audited before.
        Assert.Equal("operator:operator", await LatestAuditAsync(tenant.Id, "odoo_connection.set"));

        await app.SendAsync(new RevokeOperatorKeyCommand(issued.OperatorId));

        await (await alice.GetAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await OperatorWithKey(issued.Key[..^3] + "AAA").GetAsync("/api/operator/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData(" ")]
    [InlineData("Bob")]
    public async Task An_operator_name_that_is_reserved_empty_or_already_working_is_refused(string name)
    {
        await app.SendAsync(new IssueOperatorKeyCommand("bob"));

        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.SendAsync(new IssueOperatorKeyCommand(name)));

        Assert.Single(refused.Errors, error => error.PropertyName is "Name" or "name");
        Assert.Equal(1L, await TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM commerce.operator_keys"));
    }

    [Fact]
    public async Task An_operator_signs_in_to_a_session_of_its_own_that_reaches_operator_endpoints_only_and_ends_when_the_key_is_revoked()
    {
        var tenant = await app.CreateTenantAsync("pro", "Corner Cafe");
        var issued = await app.SendAsync(new IssueOperatorKeyCommand("Carol"));
        var browser = NewBrowser();

        await (await browser.SignInOperatorAsync(tenant.Key)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var signIn = await browser.SignInOperatorAsync(issued.Key);

        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), header => header.StartsWith(OperatorCookie + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain(issued.Key[(issued.Key.IndexOf('.') + 1)..], cookie);
        var session = await (await browser.SendAsync(HttpMethod.Get, "/api/operator/session")).ReadOkAsync<JsonElement>();
        Assert.Equal("Carol", session.GetProperty("operator").GetString());
        var list = await (await browser.SendAsync(HttpMethod.Get, "/api/operator/tenants")).ReadOkAsync<TenantOverviewPage>();
        Assert.Contains(list.Tenants, row => row.Name == "Corner Cafe");
        // The operator's session is no tenant's: the tenant API and the settings page's session know nothing of it.
        await (await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/shops")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False((await (await browser.SendAsync(HttpMethod.Get, "/api/cafe/session")).ReadOkAsync<JsonElement>()).GetProperty("signedIn").GetBoolean());
        // An unsafe request of the session needs the antiforgery token.
        await (await browser.SendAsync(HttpMethod.Post, $"/api/operator/tenants/{tenant.Id}/odoo-sync/requeue", withToken: false)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await browser.ReadTokenAsync("/api/operator/session");
        (await browser.SendAsync(HttpMethod.Post, $"/api/operator/tenants/{tenant.Id}/odoo-sync/requeue")).EnsureSuccessStatusCode();

        await app.SendAsync(new RevokeOperatorKeyCommand(issued.OperatorId));

        await (await browser.SendAsync(HttpMethod.Get, "/api/operator/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tenant_session_never_opens_an_operator_endpoint_and_signing_out_ends_the_operator_session()
    {
        var tenant = await app.CreateTenantAsync("pro");
        var tenantBrowser = NewBrowser();
        await tenantBrowser.SignInAsync(tenant.Key);
        var operatorBrowser = NewBrowser();
        await operatorBrowser.SignInOperatorAsync(CafeAppFixture.OperatorKey);

        await (await tenantBrowser.SendAsync(HttpMethod.Get, "/api/operator/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await NewBrowser().SendAsync(HttpMethod.Get, "/api/operator/tenants", authorization: new AuthenticationHeaderValue("Bearer", tenant.Key)))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        (await operatorBrowser.SendAsync(HttpMethod.Get, "/api/operator/tenants")).EnsureSuccessStatusCode();

        (await operatorBrowser.SendAsync(HttpMethod.Delete, "/api/operator/session")).EnsureSuccessStatusCode();

        await (await operatorBrowser.SendAsync(HttpMethod.Get, "/api/operator/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_tenant_list_counts_each_tenants_queue_sorts_pages_and_keeps_only_the_tenants_that_need_someone()
    {
        var calm = await app.ConnectedProTenantAsync(_odoo, name: "Calm Cafe");
        var troubled = await app.ConnectedProTenantAsync(_odoo, name: "Troubled Cafe");
        var starter = await app.CreateTenantAsync("starter", "Starter Cafe");
        foreach (var (tenant, name) in new[] { (calm, "Calm till"), (troubled, "Broken till"), (troubled, "Waiting till"), (starter, "Own till") })
        {
            (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name })).EnsureSuccessStatusCode();
        }

        await app.DrainAsync(calm.Id);
        await TestPostgres.ExecuteAsync(app.ConnectionString,
            $"UPDATE cafe.pos_configs SET sync_state = 'sync_error', sync_error_message = 'odoo.exceptions.ValidationError: refused' WHERE name = 'Broken till'");

        var all = await (await app.Operator().GetAsync("/api/operator/tenants?sort=deadLetters&descending=true")).ReadOkAsync<TenantOverviewPage>();
        var needy = await (await app.Operator().GetAsync("/api/operator/tenants?needsAttention=true")).ReadOkAsync<TenantOverviewPage>();
        var second = await (await app.Operator().GetAsync("/api/operator/tenants?pageSize=2&page=2")).ReadOkAsync<TenantOverviewPage>();
        var searched = await (await app.Operator().GetAsync("/api/operator/tenants?search=calm")).ReadOkAsync<TenantOverviewPage>();

        Assert.Equal(["Troubled Cafe", "Calm Cafe", "Starter Cafe"], all.Tenants.Select(row => row.Name));
        var row = all.Tenants[0];
        Assert.Equal((1, 1, "healthy", "pro"), (row.DeadLetters, row.DueNow, row.Connection, row.Plan));
        Assert.Equal(new Dictionary<string, int> { ["sync_error"] = 1, ["pending_create"] = 1 }, row.CountsByState);
        Assert.Equal((_odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, FakeOdooServer.LoginName), (row.BaseUrl, row.Database, row.Login));
        Assert.Equal(new Dictionary<string, int> { ["synced"] = 1 }, all.Tenants[1].CountsByState);
        Assert.Equal("none", all.Tenants[2].Connection);
        Assert.Equal(["Troubled Cafe"], needy.Tenants.Select(tenant => tenant.Name));
        Assert.Equal(3L, second.Total);
        Assert.Equal(["Troubled Cafe"], second.Tenants.Select(tenant => tenant.Name));
        Assert.Equal(["Calm Cafe"], searched.Tenants.Select(tenant => tenant.Name));
        Assert.DoesNotContain(_odoo.ApiKey, await (await app.Operator().GetAsync("/api/operator/tenants")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("sort=registers", "Sort")]
    [InlineData("page=0", "Page")]
    [InlineData("pageSize=201", "PageSize")]
    public async Task A_tenant_list_asked_for_badly_is_a_problem_that_names_the_field(string query, string field)
    {
        var problem = await (await app.Operator().GetAsync($"/api/operator/tenants?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field).Concat(problem.FieldErrors(char.ToLowerInvariant(field[0]) + field[1..])));
    }

    [Fact]
    public async Task The_console_actions_requeue_recreate_and_drain_change_the_queue_and_are_audited_under_the_operators_name()
    {
        var tenant = await app.ConnectedProTenantAsync(_odoo);
        var register = await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        var dave = await app.SendAsync(new IssueOperatorKeyCommand("Dave"));
        var browser = NewBrowser();
        await browser.SignInOperatorAsync(dave.Key);
        var root = $"/api/operator/tenants/{tenant.Id}";

        var drained = await (await browser.SendAsync(HttpMethod.Post, $"{root}/odoo-sync/drain")).ReadOkAsync<JsonElement>();
        var odooId = await TestPostgres.ScalarAsync<int>(app.ConnectionString, $"SELECT odoo_pos_config_id FROM cafe.pos_configs WHERE id = '{register.Id}'");
        await TestPostgres.ExecuteAsync(app.ConnectionString, $"UPDATE cafe.pos_configs SET sync_state = 'sync_error', odoo_sync_retries = 5 WHERE id = '{register.Id}'");
        var requeued = await (await browser.SendAsync(HttpMethod.Post, $"{root}/odoo-sync/registers/{register.Id}/requeue")).ReadOkAsync<JsonElement>();
        var afterRequeue = await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT sync_state || ' ' || odoo_sync_retries FROM cafe.pos_configs WHERE id = '{register.Id}'");
        await app.DrainAsync(tenant.Id);
        var recreate = await browser.SendAsync(HttpMethod.Post, $"{root}/odoo-sync/registers/{register.Id}/recreate");
        var afterRecreate = await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT sync_state || ' ' || coalesce(odoo_pos_config_id::text, '-') FROM cafe.pos_configs WHERE id = '{register.Id}'");
        var page = await (await browser.SendAsync(HttpMethod.Get, $"{root}/registers")).ReadOkAsync<TenantRegisterPage>();

        Assert.Equal(1, drained.GetProperty("created").GetInt32());
        Assert.True(odooId > 0);
        Assert.Equal(1, requeued.GetProperty("requeued").GetInt32());
        Assert.Equal("pending_update 0", afterRequeue);
        Assert.Equal(HttpStatusCode.NoContent, recreate.StatusCode);
        Assert.Equal("pending_create -", afterRecreate);
        var listed = Assert.Single(page.Registers);
        Assert.Equal(("Front", "pending_create", (int?)null), (listed.Name, listed.State, listed.OdooId));
        Assert.Equal("operator:Dave", await LatestAuditAsync(tenant.Id, "odoo_sync.drained"));
        Assert.Equal("operator:Dave", await LatestAuditAsync(tenant.Id, "odoo_sync.requeued"));
        Assert.Equal("operator:Dave", await LatestAuditAsync(tenant.Id, "odoo_sync.recreate_requested"));
        // A register of another tenant is not this tenant's to act on.
        var other = await app.CreateTenantAsync("pro", "Other");
        await (await browser.SendAsync(HttpMethod.Post, $"/api/operator/tenants/{other.Id}/odoo-sync/registers/{register.Id}/recreate")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_chart_figures_count_each_minutes_pushes_and_the_queues_totals()
    {
        var recorder = app.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MinuteFiguresRecorder>().Single();
        // The drains of the tests before this one are counted, and written here, two minutes back.
        await recorder.RecordAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var tenant = await app.ConnectedProTenantAsync(_odoo);
        foreach (var name in new[] { "One", "Two" })
        {
            (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name })).EnsureSuccessStatusCode();
        }

        await recorder.RecordAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var beforeAnyRecord = await (await app.Operator().GetAsync("/api/operator/odoo-sync/figures")).ReadOkAsync<SyncFiguresResponse>();
        await app.DrainAsync(tenant.Id);
        await recorder.RecordAsync(CancellationToken.None);

        var figures = await (await app.Operator().GetAsync("/api/operator/odoo-sync/figures")).ReadOkAsync<SyncFiguresResponse>();

        // A minute no host has written yet shows the queue as it last was, and no pushes.
        Assert.Equal((2, 0), (beforeAnyRecord.Minutes[^1].Due, beforeAnyRecord.Minutes[^1].Pushed));
        Assert.Equal(60, figures.Minutes.Count);
        Assert.Equal((2, 0), (figures.Minutes[^2].Due, figures.Minutes[^2].Pushed));
        Assert.Equal((0, 2), (figures.Minutes[^1].Due, figures.Minutes[^1].Pushed));
    }
}
