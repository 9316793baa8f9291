using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;
using NixCafe.FakeOdoo;
using NixCafe.Tenants.Features.AddShop;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests;

/// <summary>The README's pictures of the page, taken from a real run: every sync badge, at desktop and phone width.</summary>
public sealed class ScreenshotTests(BrowserFixture host) : BrowserTest(host)
{
    [Fact]
    public async Task The_page_at_desktop_and_phone_width_shows_every_badge_and_needs_no_sideways_scrolling()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        await Host.SendAsync(new AddShopCommand(tenant.Id, "Station Road"));
        var front = await Host.CreateRegisterAsync(tenant, "Front", "FRONT");
        await Host.DrainAsync();
        using (var client = Host.Client(tenant.Key))
        {
            foreach (var _ in Enumerable.Range(0, 41))
            {
                (await client.PostAsync($"/api/cafe/settings/registers/{front}/order-numbers", null)).EnsureSuccessStatusCode();
            }

            await Host.CreateRegisterAsync(tenant, "Drive-through", "DRIVE");
            odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", "A point of sale needs at least one payment method."), "load");
            await Host.DrainAsync();
            var backOffice = await Host.CreateRegisterAsync(tenant, "Back office");
            (await client.PostAsync($"/api/cafe/settings/registers/{backOffice}/deactivate", null)).EnsureSuccessStatusCode();
            await Host.DrainAsync();
            await Host.CreateRegisterAsync(tenant, "Terrace", "TER");
        }

        var rows = await RegistersInDatabaseAsync(tenant.Id);
        Assert.Equal(["synced", "sync_error", "synced", "pending_create"], rows.Select(row => (string)row["sync_state"]!));

        await RegistersPage.SignInAsync(Page, tenant.Key);
        await ExpectEveryBadgeAsync(Page);
        // No focus ring in the picture.
        await Page.EvaluateAsync("() => document.activeElement.blur()");
        await Page.ScreenshotAsync(new() { Path = ScreenshotPath("registers-desktop.png"), FullPage = true });

        var phone = await Host.NewPageAsync(width: 375, height: 812);
        try
        {
            await RegistersPage.SignInAsync(phone, tenant.Key);
            await ExpectEveryBadgeAsync(phone);
            await phone.EvaluateAsync("() => document.activeElement.blur()");
            Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 375 px");
            await phone.ScreenshotAsync(new() { Path = ScreenshotPath("registers-phone.png"), FullPage = true });
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    private static async Task ExpectEveryBadgeAsync(IPage page)
    {
        await Expect(page.Locator("tbody.register th.name")).ToHaveTextAsync(["Back office", "Drive-through", "Front", "Terrace"]);
        await Expect(page.Locator("tbody.register .badge")).ToHaveTextAsync(["synced", "error", "synced", "pending"]);
        await Expect(page.Locator("tbody.register .state")).ToHaveTextAsync(["inactive", "active", "active", "active"]);
        await Expect(page.Locator("tbody.register .next")).ToHaveTextAsync(["001", "DRIVE-001", "FRONT-042", "TER-001"]);
    }

    /// <summary>
    /// docs/screenshots/ of the checkout the tests were built from when NIXCAFE_UPDATE_SCREENSHOTS=1 asks to
    /// refresh the README's pictures; otherwise a folder beside the test binaries, so a test run leaves the
    /// checkout as it found it (PNG bytes differ from run to run even when the page does not).
    /// </summary>
    internal static string ScreenshotPath(string file)
    {
        if (Environment.GetEnvironmentVariable("NIXCAFE_UPDATE_SCREENSHOTS") != "1")
        {
            return Path.Combine(Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName, file);
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NixCafe.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("No NixCafe.sln above the test binaries."), "docs", "screenshots", file);
    }
}
