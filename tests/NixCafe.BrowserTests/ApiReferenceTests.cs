using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests;

public sealed class ApiReferenceTests(BrowserFixture host) : BrowserTest(host)
{
    [Fact]
    public async Task The_api_reference_renders_under_its_nonce_policy_and_no_script_of_it_is_refused()
    {
        var messages = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (messages)
                {
                    messages.Add(message.Text);
                }
            }
        };
        // Before the page's own scripts, so a refusal during start-up is seen too.
        await Page.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.cspViolations.push(`${e.violatedDirective} ${e.sample}`));
            """);

        var response = await Page.GotoAsync(new Uri(Host.BaseUrl, "/api-reference/").ToString());

        Assert.Matches("script-src 'self' 'nonce-[^']+' 'report-sample';", await response!.HeaderValueAsync("content-security-policy") ?? "");
        // The API's groups and operations are there, and the bearer key can be entered.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Shops", Level = 2 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(Page.Locator("a[href='#tag/shops/GET/api/cafe/settings/shops']").First).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Textbox, new() { Name = "Bearer Token" })).ToBeVisibleAsync();
        // Scalar's style sheet, injected by its bundle, applies.
        Assert.True(await Page.EvaluateAsync<bool>("() => (document.getElementById('scalar-style')?.sheet?.cssRules.length ?? 0) > 100"),
            "Scalar's style sheet was not applied");
        // The one refusal left is the bundle's probe for eval (`new Function` of an empty body),
        // refused under the host's policy too: Scalar works without it.
        var refused = await Page.EvaluateAsync<string[]>("() => window.cspViolations");
        Assert.All(refused, violation => Assert.Equal("script-src", violation.Split(' ')[0]));
        Assert.All(refused, violation => Assert.Matches(@"^script-src \(function anonymous\(\s*\) \{\s*\}\)\s*$", violation));
        lock (messages)
        {
            Assert.All(messages, message => Assert.Contains("unsafe-eval", message, StringComparison.Ordinal));
        }
    }
}
