using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.Tenants.Features.IssueOperatorKey;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests;

/// <summary>
/// The operator console (/operator) in Chromium against the real host and the fake Odoo: what the
/// page shows, and what the database and Odoo hold after each action.
/// </summary>
public sealed class OperatorConsoleTests(BrowserFixture host) : BrowserTest(host)
{
    private const string Console = "/operator";

    private async Task<string> OperatorKeyAsync(string name) => (await Host.SendAsync(new IssueOperatorKeyCommand(name))).Key;

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync(Console);
        await page.GetByLabel("Operator key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page.Locator("#tenant-rows tr, #no-tenants:visible").First).ToBeVisibleAsync();
    }

    private static ILocator TenantRow(IPage page, string name) =>
        page.Locator("#tenant-rows tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    private static ILocator RegisterRow(IPage page, string name) =>
        page.Locator("#register-rows tr").Filter(new() { Has = page.Locator("th").GetByText(name, new() { Exact = true }) });

    private async Task<string?> AuditActorAsync(Guid tenantId, string action) =>
        await TestPostgres.ScalarAsync<string>(Host.ConnectionString,
            $"SELECT actor_kind || ':' || actor_id FROM audit.entries WHERE tenant_id = '{tenantId}' AND action = '{action}' ORDER BY id DESC LIMIT 1");

    /// <summary>Two tenants, one healthy and synced, one with a dead letter and a register waiting: what the pictures show.</summary>
    private async Task<(BrowserTenant Calm, BrowserTenant Troubled)> TwoTenantsAsync(FakeOdooServer odoo)
    {
        var calm = await Host.ConnectedProTenantAsync(odoo, "Harbour Coffee");
        await Host.CreateRegisterAsync(calm, "Quay till");
        await Host.DrainAsync();
        var troubled = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        await Host.CreateRegisterAsync(troubled, "Front");
        await Host.DrainAsync();
        // Only Drive-through is due when Odoo refuses: it alone dead-letters, with Odoo's reason.
        await Host.CreateRegisterAsync(troubled, "Drive-through");
        odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", "A point of sale needs at least one payment method."), "load");
        await Host.DrainAsync();
        await Host.CreateRegisterAsync(troubled, "Terrace");
        await Host.CreateTenantAsync("Corner Bakery");
        return (calm, troubled);
    }

    [Fact]
    public async Task A_named_operator_signs_in_sees_every_tenant_at_a_glance_and_keeps_only_those_that_need_them()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var (_, troubled) = await TwoTenantsAsync(odoo);
        var states = (await RegistersInDatabaseAsync(troubled.Id)).Select(row => $"{row["name"]} {row["sync_state"]}");
        Assert.Equal(["Drive-through sync_error", "Front synced", "Terrace pending_create"], states);

        await SignInAsync(Page, await OperatorKeyAsync("Alice"));

        await Expect(Page.Locator("#operator-name")).ToHaveTextAsync("Alice");
        await Expect(Page.Locator("#tenant-rows th a")).ToHaveTextAsync(["Corner Bakery", "Get Coffee", "Harbour Coffee"]);
        var row = TenantRow(Page, "Get Coffee");
        await Expect(row.Locator("[data-label='Dead letters']")).ToHaveTextAsync("1");
        await Expect(row.Locator("[data-label='Due now']")).ToContainTextAsync("1");
        await Expect(row.Locator("[data-label='Odoo connection']")).ToContainTextAsync("healthy");
        await Expect(row.Locator("[data-label='Odoo connection']")).ToContainTextAsync(FakeOdooServer.DatabaseName);
        await Expect(row.Locator("[data-label='Odoo connection']")).Not.ToContainTextAsync(odoo.ApiKey);
        await Expect(TenantRow(Page, "Corner Bakery").Locator("[data-label='Odoo connection']")).ToContainTextAsync("none");

        await Page.GetByLabel("Only tenants that need me").CheckAsync();

        await Expect(Page.Locator("#tenant-rows th a")).ToHaveTextAsync(["Get Coffee"]);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Drain every tenant now" }).ClickAsync();
        await Page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Drain every tenant" }).ClickAsync();

        await Expect(Page.Locator("#status")).ToHaveTextAsync("Drained 1 tenant: 1 created, 0 updated, 0 failed, 0 dead-lettered.");
        Assert.Equal("synced", (await RegisterInDatabaseAsync(troubled.Id, "Terrace"))["sync_state"]);
        await Expect(TenantRow(Page, "Get Coffee").Locator("[data-label='Due now']")).ToHaveTextAsync("0");

        await Page.GetByLabel("Only tenants that need me").UncheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Dead letters" }).ClickAsync();
        await Expect(Page.Locator("#tenant-rows th a").First).ToHaveTextAsync("Get Coffee");
        await Expect(Page.Locator("th[data-sort='deadLetters']")).ToHaveAttributeAsync("aria-sort", "descending");
    }

    [Fact]
    public async Task With_the_keyboard_alone_the_operator_requeues_a_dead_letter_after_confirming_and_drains_the_tenant_and_both_are_audited()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var (_, troubled) = await TwoTenantsAsync(odoo);
        await SignInAsync(Page, await OperatorKeyAsync("Bob"));
        await MarkDocumentAsync();

        await TenantRow(Page, "Get Coffee").GetByRole(AriaRole.Link).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#tenant-title")).ToHaveTextAsync("Get Coffee");
        var deadLetter = RegisterRow(Page, "Drive-through");
        await Expect(deadLetter.Locator("[data-label='Error']")).ToContainTextAsync("odoo.exceptions.ValidationError: A point of sale needs at least one payment method.");
        await Expect(deadLetter.Locator("[data-label='Sync']")).ToContainTextAsync("sync error");

        // Escape leaves it as it is.
        await deadLetter.GetByRole(AriaRole.Button, new() { Name = "Requeue Drive-through" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#confirm")).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.Locator("#confirm")).ToBeHiddenAsync();
        Assert.Equal("sync_error", (await RegisterInDatabaseAsync(troubled.Id, "Drive-through"))["sync_state"]);

        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#confirm-title")).ToHaveTextAsync("Requeue Drive-through?");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#status")).ToHaveTextAsync("Drive-through requeued.");
        await Expect(RegisterRow(Page, "Drive-through").Locator("[data-label='Sync']")).ToContainTextAsync("pending create");
        var requeued = await RegisterInDatabaseAsync(troubled.Id, "Drive-through");
        Assert.Equal(("pending_create", 0), ((string)requeued["sync_state"]!, (int)requeued["odoo_sync_retries"]!));
        Assert.Equal("operator:Bob", await AuditActorAsync(troubled.Id, "odoo_sync.requeued"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Drain now" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#confirm-title")).ToHaveTextAsync("Drain Get Coffee now?");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#status")).ToHaveTextAsync("Drained: 2 created, 0 updated, 0 failed, 0 dead-lettered.");
        await Expect(Page.Locator("#register-rows [data-label='Sync'] .badge")).ToHaveTextAsync(["synced", "synced", "synced"]);
        Assert.All(await RegistersInDatabaseAsync(troubled.Id), row => Assert.Equal("synced", row["sync_state"]));
        Assert.Contains(odoo.PosConfigs, config => config.Name == "Drive-through");
        Assert.Contains(odoo.PosConfigs, config => config.Name == "Terrace");
        Assert.Equal("operator:Bob", await AuditActorAsync(troubled.Id, "odoo_sync.drained"));
        await Expect(Page.Locator("#audit-rows tr").First).ToContainTextAsync("operator Bob");
        await AssertNotReloadedAsync();
    }

    [Fact]
    public async Task The_connection_is_set_with_a_write_only_key_tested_and_disabled_from_the_tenants_page()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.CreateTenantAsync("New Cafe", "pro");
        await SignInAsync(Page, BrowserFixture.OperatorKey);
        await TenantRow(Page, "New Cafe").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page.Locator("#connection-state")).ToHaveTextAsync("No Odoo connection.");

        await Page.GetByLabel("URL").FillAsync(odoo.BaseUrl.ToString());
        await Page.GetByLabel("Database").FillAsync(FakeOdooServer.DatabaseName);
        await Page.GetByLabel("Login").FillAsync(FakeOdooServer.LoginName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save connection" }).ClickAsync();
        await Expect(Page.Locator("#odoo-api-key-error")).Not.ToBeEmptyAsync();
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(Host.ConnectionString, "SELECT count(*) FROM odoo_sync.tenant_connections"));

        await Page.GetByLabel("API key").FillAsync(odoo.ApiKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save connection" }).ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync("The connection is saved. Test it to see what Odoo says.");
        await Expect(Page.GetByLabel("API key")).ToHaveValueAsync("");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Test the connection" }).ClickAsync();
        await Expect(Page.Locator("#status")).ToContainTextAsync("The connection works");
        Assert.Equal("operator:operator", await AuditActorAsync(tenant.Id, "odoo_connection.tested"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Disable the connection" }).ClickAsync();
        await Page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();

        await Expect(Page.Locator("#connection-state")).ToContainTextAsync("Disabled");
        Assert.False(await TestPostgres.ScalarAsync<bool>(Host.ConnectionString, $"SELECT enabled FROM odoo_sync.tenant_connections WHERE tenant_id = '{tenant.Id}'"));
        Assert.DoesNotContain(odoo.ApiKey, await Page.ContentAsync());
    }

    [Fact]
    public async Task The_operator_pauses_and_resumes_a_tenants_sync_and_runs_a_drift_check_that_finds_a_record_renamed_in_odoo()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        await Host.CreateRegisterAsync(tenant, "Front");
        await Host.DrainAsync();
        var odooId = (int)(await RegisterInDatabaseAsync(tenant.Id, "Front"))["odoo_pos_config_id"]!;
        odoo.Edit(store => store.RenamePosConfig(odooId, "Front (renamed in Odoo)"));
        await SignInAsync(Page, await OperatorKeyAsync("Erin"));
        await TenantRow(Page, "Get Coffee").GetByRole(AriaRole.Link).ClickAsync();

        await Page.GetByLabel("Reason for a pause").FillAsync("Odoo upgrade tonight");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause the sync" }).ClickAsync();
        await Page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();

        await Expect(Page.Locator("#pause-state")).ToContainTextAsync("Paused by");
        await Expect(Page.Locator("#pause-state")).ToContainTextAsync("Odoo upgrade tonight");
        Assert.Equal("Odoo upgrade tonight", await TestPostgres.ScalarAsync<string>(Host.ConnectionString,
            $"SELECT pause_reason FROM odoo_sync.tenant_connections WHERE paused_at IS NOT NULL AND tenant_id = '{tenant.Id}'"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Resume the sync" }).ClickAsync();
        await Page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(Page.Locator("#pause-state")).ToContainTextAsync("Syncing. Last successful push:");
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(Host.ConnectionString, "SELECT count(*) FROM odoo_sync.tenant_connections WHERE paused_at IS NOT NULL"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Run a drift check" }).ClickAsync();

        await Expect(Page.Locator("#status")).ToContainTextAsync("Drift check done");
        // The template the fake Odoo starts with is a pos.config no register owns: reported, never touched.
        await Expect(Page.Locator("#findings li")).ToHaveTextAsync([$"renamed: Front (pos.config {odooId}); in Odoo: Front (renamed in Odoo)", "unknown: pos.config 1; in Odoo: Shop"]);
        Assert.Equal("renamed", await TestPostgres.ScalarAsync<string>(Host.ConnectionString,
            $"SELECT kind FROM odoo_sync.drift_findings WHERE tenant_id = '{tenant.Id}' AND odoo_pos_config_id = {odooId}"));
    }

    [Fact]
    public async Task The_console_at_desktop_and_phone_width_needs_no_sideways_scrolling()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        await TwoTenantsAsync(odoo);
        var key = await OperatorKeyAsync("Alice");
        // For the picture: the hour before, as a host's recorder would have written it (a backlog
        // of 40 drained at 8 a minute, a few edits, then one register dead-lettering).
        await TestPostgres.ExecuteAsync(Host.ConnectionString, """
            INSERT INTO odoo_sync.minute_figures (minute, host, pushed, failed, due, dead_letters)
            SELECT date_trunc('minute', now()) - make_interval(mins => n), 'host-a',
                   CASE WHEN n BETWEEN 30 AND 34 THEN 8 WHEN n % 7 = 0 THEN 2 ELSE 0 END, 0,
                   CASE WHEN n BETWEEN 35 AND 40 THEN 40 WHEN n BETWEEN 30 AND 34 THEN (n - 30) * 8 ELSE n % 3 END,
                   CASE WHEN n < 12 THEN 1 ELSE 0 END
              FROM generate_series(1, 59) AS n
            """);

        await SignInAsync(Page, key);
        await Expect(Page.Locator("#chart svg")).ToBeVisibleAsync();
        await Expect(Page.Locator("#chart-summary")).ToContainTextAsync("pushes in the last hour");
        await Page.EvaluateAsync("() => document.activeElement.blur()");
        await Page.ScreenshotAsync(new() { Path = ScreenshotTests.ScreenshotPath("operator-tenants-desktop.png"), FullPage = true });
        await TenantRow(Page, "Get Coffee").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(RegisterRow(Page, "Drive-through")).ToBeVisibleAsync();
        await Page.EvaluateAsync("() => document.activeElement.blur()");
        await Page.ScreenshotAsync(new() { Path = ScreenshotTests.ScreenshotPath("operator-tenant-desktop.png"), FullPage = true });

        var phone = await Host.NewPageAsync(width: 375, height: 812);
        try
        {
            await SignInAsync(phone, key);
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the tenant list scrolls sideways at 375 px");
            await TenantRow(phone, "Get Coffee").GetByRole(AriaRole.Link).ClickAsync();
            await Expect(RegisterRow(phone, "Drive-through")).ToBeVisibleAsync();
            await phone.EvaluateAsync("() => document.activeElement.blur()");
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the tenant's page scrolls sideways at 375 px");
            await phone.ScreenshotAsync(new() { Path = ScreenshotTests.ScreenshotPath("operator-tenant-phone.png"), FullPage = true });
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }
}
