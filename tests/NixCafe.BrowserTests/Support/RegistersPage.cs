using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests.Support;

/// <summary>How the tests find their way around the settings page: by labels and roles, as a person would.</summary>
internal static class RegistersPage
{
    public const string Path = "/cafe/settings/registers";

    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync(Path);
        await page.GetByLabel("Tenant API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        // The shops and the register list load after the sign-in answer: a test that acts on the
        // session (revoking its key, say) must not race them.
        await Expect(page.Locator("#no-registers:visible, tbody.register").First).ToBeVisibleAsync();
    }

    /// <summary>The rows (summary and editor) of the register named exactly <paramref name="name"/>.</summary>
    public static ILocator Register(IPage page, string name) =>
        page.Locator("tbody.register").Filter(new() { Has = page.Locator("th.name").GetByText(name, new() { Exact = true }) });

    public static ILocator Button(ILocator scope, string name) => scope.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static Task ClickAsync(ILocator scope, string button) => Button(scope, button).ClickAsync();

    public static Task ClickAsync(IPage page, string button) => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
}
