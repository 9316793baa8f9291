using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;
using NixCafe.FakeOdoo;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests;

/// <summary>The sync badges of a Pro tenant's registers, against the fake Odoo; the drain runs when the test says.</summary>
public sealed class OdooSyncTests(BrowserFixture host) : BrowserTest(host)
{
    private const string RefreshFailed = "The register list could not be refreshed. Trying again…";

    [Fact]
    public async Task A_pending_badge_turns_synced_after_the_drain_without_a_reload_through_polls_that_do_not_renew_the_session()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        var pollMarks = new List<string?>();
        Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/cafe/settings/registers?"))
            {
                pollMarks.Add(request.Headers.GetValueOrDefault("x-nixcafe-poll"));
            }
        };
        await RegistersPage.SignInAsync(Page, tenant.Key);
        var create = Page.Locator("#create");
        await create.GetByLabel("Name").FillAsync("Front");
        await RegistersPage.ClickAsync(create, "Create register");
        var badge = RegistersPage.Register(Page, "Front").Locator(".badge");
        await Expect(badge).ToHaveTextAsync("pending");
        Assert.Equal("pending_create", (await RegisterInDatabaseAsync(tenant.Id, "Front"))["sync_state"]);
        await MarkDocumentAsync();

        await Host.DrainAsync();

        await Expect(badge).ToHaveTextAsync("synced");
        await AssertNotReloadedAsync();
        // The list read after signing in and after the create renews the session; the polls do not.
        Assert.Equal([null, null], pollMarks.Take(2));
        Assert.NotEmpty(pollMarks.Skip(2));
        Assert.All(pollMarks.Skip(2), mark => Assert.Equal("1", mark));
        var row = await RegisterInDatabaseAsync(tenant.Id, "Front");
        Assert.Equal("synced", row["sync_state"]);
        Assert.Equal("Front", Assert.Single(odoo.PosConfigs, config => config.Id == (int)row["odoo_pos_config_id"]!).Name);
    }

    [Fact]
    public async Task A_register_waiting_on_a_connection_that_needs_a_person_says_why_and_the_notice_goes_once_it_is_synced()
    {
        await using var odoo = await FakeOdooServer.StartAsync(version: 19);
        var uid = odoo.AddUser("pos-only", "pos-only-key-9b2e", accountingRights: false);
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee", "pos-only", "pos-only-key-9b2e");
        await Host.CreateRegisterAsync(tenant, "Front");
        await Host.DrainAsync();

        await RegistersPage.SignInAsync(Page, tenant.Key);

        var notice = Page.Locator("#sync-paused");
        await Expect(RegistersPage.Register(Page, "Front").Locator(".badge")).ToHaveTextAsync("pending");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Odoo sync is paused");
        await Expect(notice).ToContainTextAsync("may not create cash journals");

        odoo.SetAccountingRights(uid, granted: true);
        using (var operatorClient = Host.Client(BrowserFixture.OperatorKey))
        {
            (await operatorClient.PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection/test", null)).EnsureSuccessStatusCode();
        }

        await Host.DrainAsync();

        await Expect(RegistersPage.Register(Page, "Front").Locator(".badge")).ToHaveTextAsync("synced");
        await Expect(notice).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Failed_polls_are_reported_once_and_polling_goes_on_until_the_badge_turns_synced()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        await Host.CreateRegisterAsync(tenant, "Front");
        await RegistersPage.SignInAsync(Page, tenant.Key);
        var badge = RegistersPage.Register(Page, "Front").Locator(".badge");
        await Expect(badge).ToHaveTextAsync("pending");
        await Page.EvaluateAsync("""
            () => {
              window.nixcafeStatuses = [];
              const status = document.getElementById('status');
              new MutationObserver(() => window.nixcafeStatuses.push(status.textContent))
                .observe(status, { childList: true, characterData: true, subtree: true });
            }
            """);
        var failedPolls = 0;
        await Page.RouteAsync(url => url.Contains("/api/cafe/settings/registers?"), async route =>
        {
            if (Interlocked.Increment(ref failedPolls) <= 2)
            {
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(RefreshFailed);
        await Host.DrainAsync();

        await Expect(badge).ToHaveTextAsync("synced");
        await Expect(Page.GetByRole(AriaRole.Status)).ToBeEmptyAsync();
        Assert.Equal([RefreshFailed, ""], await Page.EvaluateAsync<string[]>("() => window.nixcafeStatuses"));
        Assert.Equal("synced", (await RegisterInDatabaseAsync(tenant.Id, "Front"))["sync_state"]);
    }

    [Fact]
    public async Task A_retry_refused_because_the_register_was_requeued_meanwhile_says_why_and_shows_the_register_as_it_is_now()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        var id = await Host.CreateRegisterAsync(tenant, "Front");
        odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", "A point of sale needs at least one payment method."), "load");
        await Host.DrainAsync();
        await RegistersPage.SignInAsync(Page, tenant.Key);
        var front = RegistersPage.Register(Page, "Front");
        await Expect(front.Locator(".badge")).ToHaveTextAsync("error");

        // Another admin retries it first.
        using (var client = Host.Client(tenant.Key))
        {
            (await client.PostAsync($"/api/cafe/odoo-sync/registers/{id}/requeue", null)).EnsureSuccessStatusCode();
        }

        await RegistersPage.ClickAsync(front, "Retry sync of Front");

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Dead-lettered register '{id}' was not found.");
        await Expect(front.Locator(".badge")).ToHaveTextAsync("pending");
        await Expect(RegistersPage.Button(front, "Retry sync of Front")).ToBeHiddenAsync();
        await Expect(RegistersPage.Button(front, "Edit Front")).ToBeFocusedAsync();
        Assert.Equal("pending_create", (await RegisterInDatabaseAsync(tenant.Id, "Front"))["sync_state"]);
    }

    [Fact]
    public async Task A_dead_letter_shows_odoos_reason_and_attempts_and_is_requeued_from_the_page()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        await Host.CreateRegisterAsync(tenant, "Front", "FRONT");
        // Odoo refuses the record: no retry can help, so it is dead-lettered at once.
        odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", "A point of sale needs at least one payment method."), "load");
        await Host.DrainAsync();
        var dead = await RegisterInDatabaseAsync(tenant.Id, "Front");
        Assert.Equal("sync_error", dead["sync_state"]);
        var retries = (int)dead["odoo_sync_retries"]!;

        await RegistersPage.SignInAsync(Page, tenant.Key);
        var front = RegistersPage.Register(Page, "Front");
        await Expect(front.Locator(".badge")).ToHaveTextAsync("error");
        // Said in words a cafe admin reads, with what to do; Odoo's technical name only behind the details toggle.
        await Expect(front.Locator(".sync-error")).ToHaveTextAsync(
            "Odoo refused this register: A point of sale needs at least one payment method. Correct it in Odoo, or ask your Odoo administrator, then retry. "
            + $"({retries} attempt{(retries == 1 ? "" : "s")})");
        await Expect(front.Locator(".sync-error")).Not.ToContainTextAsync("odoo.exceptions");
        await Expect(front.Locator(".sync-technical")).Not.ToBeVisibleAsync();
        await front.GetByText("Details").ClickAsync();
        await Expect(front.Locator(".sync-technical")).ToHaveTextAsync("odoo.exceptions.ValidationError");
        Assert.Equal("odoo.exceptions.ValidationError: A point of sale needs at least one payment method.", dead["sync_error_message"]);

        await RegistersPage.ClickAsync(front, "Retry sync of Front");

        await Expect(front.Locator(".badge")).ToHaveTextAsync("pending");
        await Expect(front.Locator(".sync-error")).ToBeHiddenAsync();
        await Expect(front.Locator(".sync-details")).ToBeHiddenAsync();
        await Expect(RegistersPage.Button(front, "Retry sync of Front")).ToBeHiddenAsync();
        var requeued = await RegisterInDatabaseAsync(tenant.Id, "Front");
        Assert.Equal(("pending_create", 0, null), (requeued["sync_state"], requeued["odoo_sync_retries"], requeued["sync_error_message"]));

        await Host.DrainAsync();

        await Expect(front.Locator(".badge")).ToHaveTextAsync("synced");
        Assert.Equal("synced", (await RegisterInDatabaseAsync(tenant.Id, "Front"))["sync_state"]);
        Assert.Contains(odoo.PosConfigs, config => config.Name == "Front");
    }
    [Fact]
    public async Task A_register_held_for_adoption_says_in_plain_words_that_it_waits_for_the_operator_and_turns_pending_without_a_reload_once_released()
    {
        // The hold is read per drain: on for this test only (the host is shared by the browser tests).
        Host.ChangeSetting("NixCafe:OdooSync:HoldCreatesForAdoption", "true");
        try
        {
            // Odoo 19's demo data has shops beside the template: the tenant's creates are held.
            await using var odoo = await FakeOdooServer.StartAsync(version: 19);
            var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
            var id = await Host.CreateRegisterAsync(tenant, "Front");
            await Host.DrainAsync();
            Assert.Equal("awaiting_adoption", (await RegisterInDatabaseAsync(tenant.Id, "Front"))["sync_state"]);

            await RegistersPage.SignInAsync(Page, tenant.Key);

            var front = RegistersPage.Register(Page, "Front");
            await Expect(front.Locator(".badge")).ToHaveTextAsync("waiting");
            await Expect(front.Locator(".sync-error")).ToHaveTextAsync(
                "Your Odoo already has points of sale NixCafe did not make: NixCafe waits for your operator to say whether this register is one of them, so it is never created twice.");
            await Expect(front.Locator(".sync")).Not.ToContainTextAsync("awaiting_adoption");
            await Expect(front.Locator(".sync-details")).ToBeHiddenAsync();
            // Nothing for the cafe to retry: only the operator can answer.
            await Expect(RegistersPage.Button(front, "Retry sync of Front")).ToBeHiddenAsync();

            using (var operatorClient = Host.Client(BrowserFixture.OperatorKey))
            {
                (await operatorClient.PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/registers/{id}/release", null)).EnsureSuccessStatusCode();
            }

            // The page polls while a register is held, as it does while one is pending: no reload.
            await Expect(front.Locator(".badge")).ToHaveTextAsync("pending");
            await Expect(front.Locator(".sync-error")).ToBeHiddenAsync();
            Assert.Equal("pending_create", (await RegisterInDatabaseAsync(tenant.Id, "Front"))["sync_state"]);
        }
        finally
        {
            Host.ChangeSetting("NixCafe:OdooSync:HoldCreatesForAdoption", "false");
        }
    }

    [Fact]
    public async Task A_register_whose_record_was_renamed_in_Odoo_carries_a_drift_badge_until_a_check_sees_the_two_sides_agree()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        var id = await Host.CreateRegisterAsync(tenant, "Front");
        await Host.CreateRegisterAsync(tenant, "Drive");
        await Host.DrainAsync();
        var odooId = odoo.IdOfExternalId($"__nixcafe__.register_{id:N}")!.Value;
        odoo.Edit(store => store.RenamePosConfig(odooId, "Front [TEST]"));
        using var operatorClient = Host.Client(BrowserFixture.OperatorKey);
        (await operatorClient.PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/drift-check", null)).EnsureSuccessStatusCode();

        await RegistersPage.SignInAsync(Page, tenant.Key);

        var front = RegistersPage.Register(Page, "Front");
        await Expect(front.Locator(".badge")).ToHaveTextAsync("synced");
        await Expect(front.Locator(".drift-badge")).ToHaveTextAsync("renamed in Odoo");
        await Expect(RegistersPage.Register(Page, "Drive").Locator(".drift-badge")).ToBeHiddenAsync();
        Assert.Equal("renamed", await DriftInDatabaseAsync(id));

        odoo.Edit(store => store.RenamePosConfig(odooId, "Front"));
        (await operatorClient.PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/drift-check", null)).EnsureSuccessStatusCode();
        await Page.ReloadAsync();

        await Expect(RegistersPage.Register(Page, "Front").Locator(".drift-badge")).ToBeHiddenAsync();
        Assert.Null(await DriftInDatabaseAsync(id));
    }

    private async Task<string?> DriftInDatabaseAsync(Guid registerId) =>
        await NixCafe.IntegrationTests.Support.TestPostgres.ScalarAsync<string>(Host.ConnectionString, $"SELECT kind FROM odoo_sync.drift_findings WHERE register_id = '{registerId}'");
}
