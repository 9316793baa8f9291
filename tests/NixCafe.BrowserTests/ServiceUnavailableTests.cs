using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;
using NixCafe.FakeOdoo;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests;

/// <summary>
/// What the settings page says while the host answers 503 because its database cannot serve (the
/// host's own ProblemDetails, as <c>Resilience/DatabaseOutageTests</c> sees it during a crash): the
/// service is unavailable, nothing is shown as saved, and the page recovers by itself.
/// </summary>
public sealed class ServiceUnavailableTests(BrowserFixture host) : BrowserTest(host)
{
    private const string Unavailable = """
        {"type":"https://tools.ietf.org/html/rfc9110#section-15.6.4","title":"The service is unavailable.","status":503,"detail":"The database cannot be reached. Try again in a few seconds; if this request was a change, reload first to see whether it was saved."}
        """;

    private const string PollUnavailable = "The service is unavailable (its database cannot be reached). Nothing shown here can change until it is back; trying again…";

    [Fact]
    public async Task A_create_answered_503_says_the_service_is_unavailable_and_adds_nothing()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await RegistersPage.SignInAsync(Page, tenant.Key);
        await Page.RouteAsync("**/api/cafe/settings/registers", route => route.Request.Method == "POST"
            ? route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Headers = new Dictionary<string, string> { ["Retry-After"] = "5" }, Body = Unavailable })
            : route.ContinueAsync());

        var form = Page.Locator("#create");
        await form.GetByLabel("Name").FillAsync("Front");
        await RegistersPage.ClickAsync(form, "Create register");

        await Expect(Page.Locator("#create-error")).ToHaveTextAsync(
            "The service is unavailable. The database cannot be reached. Try again in a few seconds; if this request was a change, reload first to see whether it was saved.");
        await Expect(RegistersPage.Register(Page, "Front")).ToHaveCountAsync(0);
        await Expect(form.GetByLabel("Name")).ToHaveValueAsync("Front");
    }

    [Fact]
    public async Task Polls_answered_503_say_the_service_is_unavailable_until_it_is_back()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await Host.ConnectedProTenantAsync(odoo, "Get Coffee");
        await Host.CreateRegisterAsync(tenant, "Front");
        await RegistersPage.SignInAsync(Page, tenant.Key);
        var badge = RegistersPage.Register(Page, "Front").Locator(".badge");
        await Expect(badge).ToHaveTextAsync("pending");
        var down = true;
        await Page.RouteAsync(url => url.Contains("/api/cafe/settings/registers?"), route => Volatile.Read(ref down)
            ? route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = Unavailable })
            : route.ContinueAsync());

        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(PollUnavailable);
        await Expect(badge).ToHaveTextAsync("pending");
        Volatile.Write(ref down, false);
        await Host.DrainAsync();

        await Expect(badge).ToHaveTextAsync("synced");
        await Expect(Page.GetByRole(AriaRole.Status)).ToBeEmptyAsync();
    }
}
