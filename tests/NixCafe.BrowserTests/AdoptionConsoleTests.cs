using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.Tenants.Features.IssueOperatorKey;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests;

/// <summary>
/// The console's answers to what a tenant's Odoo had already: link a register awaiting adoption
/// to an existing record, release another to be created, ignore a record no register owns; each
/// confirmed, said on the page, held in the database and audited under the operator's name.
/// </summary>
public sealed class AdoptionConsoleTests(BrowserFixture host) : BrowserTest(host)
{
    private const string HoldSetting = "NixCafe:OdooSync:HoldCreatesForAdoption";

    private ILocator RegisterRow(string name) =>
        Page.Locator("#register-rows tr").Filter(new() { Has = Page.Locator("th").GetByText(name, new() { Exact = true }) });

    private async Task<string?> AuditActorAsync(Guid tenantId, string action) =>
        await TestPostgres.ScalarAsync<string>(Host.ConnectionString,
            $"SELECT actor_kind || ':' || actor_id FROM audit.entries WHERE tenant_id = '{tenantId}' AND action = '{action}' ORDER BY id DESC LIMIT 1");

    [Fact]
    public async Task The_operator_links_a_held_register_to_an_existing_record_releases_another_and_ignores_the_template()
    {
        // The hold is read per drain: on for this test only (the host is shared by the browser tests).
        Host.ChangeSetting(HoldSetting, "true");
        try
        {
            await using var odoo = await FakeOdooServer.StartAsync(version: 19);
            var template = odoo.PosConfigs.MinBy(config => config.Id)!;
            var bakeryShop = odoo.PosConfigs.Single(config => config.Name == "Bakery Shop").Id;
            var tenant = await Host.ConnectedProTenantAsync(odoo, "Harbour Coffee");
            await Host.CreateRegisterAsync(tenant, "Front");
            await Host.CreateRegisterAsync(tenant, "Bakery");
            await Host.DrainAsync();
            Assert.Equal(["Bakery awaiting_adoption", "Front awaiting_adoption"],
                (await RegistersInDatabaseAsync(tenant.Id)).Select(row => $"{row["name"]} {row["sync_state"]}"));

            await Page.GotoAsync("/operator");
            await Page.GetByLabel("Operator key").FillAsync((await Host.SendAsync(new IssueOperatorKeyCommand("Grace"))).Key);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Page.GetByRole(AriaRole.Link, new() { Name = "Harbour Coffee", Exact = true }).ClickAsync();

            await Expect(RegisterRow("Bakery").Locator("[data-label='Sync']")).ToContainTextAsync("awaiting adoption");
            await RegisterRow("Bakery").GetByLabel("Odoo record for Bakery").SelectOptionAsync(bakeryShop.ToString());
            await RegisterRow("Bakery").GetByRole(AriaRole.Button, new() { Name = "Link Bakery to the chosen Odoo record" }).ClickAsync();
            await Expect(Page.Locator("#confirm-title")).ToHaveTextAsync($"Link Bakery to Bakery Shop (pos.config {bakeryShop})?");
            await Page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Link" }).ClickAsync();

            await Expect(Page.Locator("#status")).ToHaveTextAsync($"Bakery is linked to pos.config {bakeryShop}; its name is pushed there.");
            await Expect(RegisterRow("Bakery").Locator("[data-label='Odoo id']")).ToHaveTextAsync(bakeryShop.ToString());
            var bakery = await RegisterInDatabaseAsync(tenant.Id, "Bakery");
            Assert.Equal(("pending_update", (object?)bakeryShop), ((string)bakery["sync_state"]!, bakery["odoo_pos_config_id"]));
            Assert.Equal("operator:Grace", await AuditActorAsync(tenant.Id, "odoo_sync.register_linked"));

            await RegisterRow("Front").GetByRole(AriaRole.Button, new() { Name = "Create Front in Odoo as a new point of sale" }).ClickAsync();
            await Page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Create it" }).ClickAsync();

            await Expect(Page.Locator("#status")).ToHaveTextAsync("Front will be created in Odoo.");
            Assert.Equal("pending_create", (string)(await RegisterInDatabaseAsync(tenant.Id, "Front"))["sync_state"]!);
            Assert.Equal("operator:Grace", await AuditActorAsync(tenant.Id, "odoo_sync.register_released"));

            await Page.GetByRole(AriaRole.Button, new() { Name = $"Ignore pos.config {template.Id}" }).ClickAsync();
            await Expect(Page.Locator("#confirm-title")).ToHaveTextAsync($"Ignore {template.Name} (pos.config {template.Id})?");
            await Page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Ignore" }).ClickAsync();

            await Expect(Page.Locator("#status")).ToHaveTextAsync($"{template.Name} (pos.config {template.Id}) is ignored: drift checks no longer report it.");
            await Expect(Page.Locator("#findings li .finding")).Not.ToContainTextAsync([$"pos.config {template.Id};"]);
            Assert.Equal(1L, await TestPostgres.ScalarAsync<long>(Host.ConnectionString,
                $"SELECT count(*) FROM odoo_sync.ignored_odoo_records WHERE tenant_id = '{tenant.Id}' AND odoo_pos_config_id = {template.Id}"));
            Assert.Equal("operator:Grace", await AuditActorAsync(tenant.Id, "odoo_sync.odoo_record_ignored"));
        }
        finally
        {
            Host.ChangeSetting(HoldSetting, "false");
        }
    }
}
