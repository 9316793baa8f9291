using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;
using NixCafe.Tenants.Features.RevokeApiKey;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests;

public sealed class SignInTests(BrowserFixture host) : BrowserTest(host)
{
    private const string SessionCookie = "__Host-NixCafe.Session";

    private const string ServiceUnavailable = """{"title":"Service Unavailable","status":503,"detail":"The host is restarting."}""";

    [Fact]
    public async Task A_wrong_key_is_refused_and_the_tenants_key_opens_its_registers_in_an_http_only_cookie()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await Host.CreateRegisterAsync(tenant, "Front", "FRONT");
        await Page.GotoAsync(RegistersPage.Path);

        await Page.GetByLabel("Tenant API key").FillAsync(tenant.Key[..^4] + "AAAA");
        await RegistersPage.ClickAsync(Page, "Sign in");
        await Expect(Page.Locator("#api-key-error")).ToHaveTextAsync("The API key was not accepted. Check the key, or ask for a new one if it was revoked.");
        Assert.DoesNotContain(await Page.Context.CookiesAsync(), cookie => cookie.Name == SessionCookie);

        await Page.GetByLabel("Tenant API key").FillAsync(BrowserFixture.OperatorKey);
        await RegistersPage.ClickAsync(Page, "Sign in");
        await Expect(Page.Locator("#api-key-error")).ToHaveTextAsync("The API key was not accepted. Check the key, or ask for a new one if it was revoked.");

        await Page.GetByLabel("Tenant API key").FillAsync(tenant.Key);
        await RegistersPage.ClickAsync(Page, "Sign in");

        await Expect(Page.Locator("#tenant-name")).ToHaveTextAsync("Corner Cafe");
        await Expect(Page.GetByLabel("Shop")).ToHaveValueAsync(tenant.ShopId.ToString());
        var front = RegistersPage.Register(Page, "Front");
        await Expect(front.Locator(".prefix")).ToHaveTextAsync("FRONT");
        await Expect(front.Locator(".next")).ToHaveTextAsync("FRONT-001");
        await Expect(front.Locator(".state")).ToHaveTextAsync("active");
        await Expect(front.Locator(".badge")).ToHaveTextAsync("no Odoo");
        await Expect(Page.GetByLabel("Tenant API key")).ToBeHiddenAsync();

        var session = Assert.Single(await Page.Context.CookiesAsync(), cookie => cookie.Name == SessionCookie);
        Assert.True(session.HttpOnly && session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(tenant.Key[(tenant.Key.IndexOf('.') + 1)..], session.Value);
        Assert.DoesNotContain(SessionCookie, await Page.EvaluateAsync<string>("() => document.cookie"));
    }

    [Fact]
    public async Task Signing_out_shows_the_sign_in_form_and_forgets_the_session()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await RegistersPage.SignInAsync(Page, tenant.Key);

        await RegistersPage.ClickAsync(Page, "Sign out");

        await Expect(Page.GetByLabel("Tenant API key")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Signed out.");
        Assert.DoesNotContain(await Page.Context.CookiesAsync(), cookie => cookie.Name == SessionCookie);
        await Page.ReloadAsync();
        await Expect(Page.GetByLabel("Tenant API key")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_sign_out_the_server_refuses_says_so_and_the_page_stays_signed_in()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await Host.CreateRegisterAsync(tenant, "Front");
        await RegistersPage.SignInAsync(Page, tenant.Key);
        // A real host does not refuse a sign-out carrying its token: the browser gets a failing answer instead.
        await Page.RouteAsync("**/api/cafe/session", route => route.Request.Method == "DELETE"
            ? route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = ServiceUnavailable })
            : route.ContinueAsync());

        await RegistersPage.ClickAsync(Page, "Sign out");

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Signing out failed: The service is unavailable. The host is restarting. You are still signed in.");
        await Expect(Page.GetByLabel("Tenant API key")).ToBeHiddenAsync();
        await Expect(Page.Locator("#tenant-name")).ToHaveTextAsync("Corner Cafe");
        await Expect(RegistersPage.Register(Page, "Front")).ToBeVisibleAsync();
        Assert.Contains(await Page.Context.CookiesAsync(), cookie => cookie.Name == SessionCookie);
        await Page.ReloadAsync();
        await Expect(RegistersPage.Register(Page, "Front")).ToBeVisibleAsync();

        await Page.UnrouteAllAsync();
        await RegistersPage.ClickAsync(Page, "Sign out");
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Signed out.");
        Assert.DoesNotContain(await Page.Context.CookiesAsync(), cookie => cookie.Name == SessionCookie);
    }

    [Fact]
    public async Task Shops_that_cannot_be_loaded_are_reported_and_the_page_stays_signed_in()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await Page.RouteAsync("**/api/cafe/settings/shops", route =>
            route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = ServiceUnavailable }));
        await Page.GotoAsync(RegistersPage.Path);

        await Page.GetByLabel("Tenant API key").FillAsync(tenant.Key);
        await RegistersPage.ClickAsync(Page, "Sign in");

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The shops could not be loaded: The service is unavailable. The host is restarting. Reload the page to try again.");
        await Expect(Page.Locator("#tenant-name")).ToHaveTextAsync("Corner Cafe");
        await Expect(Page.GetByLabel("Shop")).ToBeHiddenAsync();
        await Page.UnrouteAllAsync();
        await Page.ReloadAsync();
        await Expect(Page.GetByLabel("Shop")).ToHaveValueAsync(tenant.ShopId.ToString());
    }

    [Fact]
    public async Task A_session_that_ends_while_the_page_polls_shows_the_sign_in_form_with_its_reason_and_nothing_else()
    {
        // A Pro tenant without an Odoo connection: its register stays pending, so the page keeps polling.
        var tenant = await Host.CreateTenantAsync("Corner Cafe", "pro");
        await Host.CreateRegisterAsync(tenant, "Front");
        await RegistersPage.SignInAsync(Page, tenant.Key);
        await Expect(RegistersPage.Register(Page, "Front").Locator(".badge")).ToHaveTextAsync("pending");

        await Host.SendAsync(new RevokeApiKeyCommand(tenant.KeyId));

        await Expect(Page.GetByLabel("Tenant API key")).ToBeVisibleAsync();
        await Expect(Page.Locator("#sign-in-reason")).ToContainTextAsync("Your session has ended");
        await Expect(Page.GetByRole(AriaRole.Status)).ToBeEmptyAsync();
    }

    [Fact]
    public async Task Revoking_the_key_ends_the_session_on_the_page_and_the_change_is_not_made()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await RegistersPage.SignInAsync(Page, tenant.Key);

        await Host.SendAsync(new RevokeApiKeyCommand(tenant.KeyId));
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Front");
        await RegistersPage.ClickAsync(Page, "Create register");

        await Expect(Page.GetByLabel("Tenant API key")).ToBeVisibleAsync();
        await Expect(Page.Locator("#sign-in-reason")).ToContainTextAsync("Your session has ended");
        Assert.Empty(await RegistersInDatabaseAsync(tenant.Id));
    }
}
