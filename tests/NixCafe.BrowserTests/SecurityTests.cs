using System.Text.Json;
using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;
using NixCafe.IntegrationTests.Support;
using static Microsoft.Playwright.Assertions;

namespace NixCafe.BrowserTests;

public sealed class SecurityTests(BrowserFixture host) : BrowserTest(host)
{
    /// <summary>A request from the signed-in page's own script, with (or without) the page's antiforgery token.</summary>
    private async Task<(int Status, string Body)> FetchAsync(string method, string url, object? body = null, bool withToken = true)
    {
        var answer = await Page.EvaluateAsync<JsonElement>("""
            async ([method, url, body, withToken]) => {
              const session = await (await fetch('/api/cafe/session')).json();
              const headers = { 'Content-Type': 'application/json' };
              if (withToken) headers['X-CSRF-TOKEN'] = session.antiforgeryToken;
              const response = await fetch(url, { method, headers, body: body === null ? undefined : JSON.stringify(body) });
              return { status: response.status, body: await response.text() };
            }
            """, new[] { method, url, body, withToken });
        return (answer.GetProperty("status").GetInt32(), answer.GetProperty("body").GetString()!);
    }

    [Fact]
    public async Task Another_tenants_shop_and_register_are_not_reachable_through_the_pages_api_calls()
    {
        var mine = await Host.CreateTenantAsync("Corner Cafe");
        var other = await Host.CreateTenantAsync("Rival Roasters", "pro");
        var secret = await Host.CreateRegisterAsync(other, "Secret", "SEC");
        await RegistersPage.SignInAsync(Page, mine.Key);
        await Expect(Page.GetByLabel("Shop").Locator("option")).ToHaveTextAsync(["Main Street"]);
        await Expect(Page.GetByLabel("Shop")).ToHaveValueAsync(mine.ShopId.ToString());

        var registers = "/api/cafe/settings/registers";
        (string Method, string Url, object? Body)[] attempts =
        [
            ("GET", $"{registers}/{secret}", null),
            ("PUT", $"{registers}/{secret}/name", new { name = "Mine now" }),
            ("PUT", $"{registers}/{secret}/prefix", new { prefix = "MINE" }),
            ("POST", $"{registers}/{secret}/deactivate", null),
            ("POST", $"{registers}/{secret}/reactivate", null),
            ("POST", $"{registers}/{secret}/order-numbers", null),
            ("POST", registers, new { shopId = other.ShopId, name = "Planted" }),
            ("POST", $"/api/cafe/odoo-sync/registers/{secret}/requeue", null),
            ("POST", $"/api/cafe/odoo-sync/registers/{secret}/recreate", null),
        ];
        foreach (var (method, url, body) in attempts)
        {
            var (status, answer) = await FetchAsync(method, url, body);
            Assert.True(status == 404, $"{method} {url} answered {status}: {answer}");
        }

        Assert.Equal((200, "[]"), await FetchAsync("GET", $"{registers}?shopId={other.ShopId}"));
        Assert.Equal(401, (await FetchAsync("GET", $"/api/operator/tenants/{other.Id}/odoo-sync")).Status);

        var row = Assert.Single(await RegistersInDatabaseAsync(other.Id));
        Assert.Equal(("Secret", "SEC", true), (row["name"], row["sequence_prefix"], row["is_active"]));
        Assert.Empty(await RegistersInDatabaseAsync(mine.Id));
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(Host.ConnectionString, "SELECT count(*) FROM cafe.pos_sequences"));
    }

    [Fact]
    public async Task A_change_from_the_signed_in_browser_without_the_antiforgery_token_is_refused()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await RegistersPage.SignInAsync(Page, tenant.Key);
        var body = new { shopId = tenant.ShopId, name = "Front" };

        var (status, answer) = await FetchAsync("POST", "/api/cafe/settings/registers", body, withToken: false);

        Assert.Equal(400, status);
        Assert.Equal("The antiforgery token is missing or invalid.", JsonDocument.Parse(answer).RootElement.GetProperty("title").GetString());
        Assert.Empty(await RegistersInDatabaseAsync(tenant.Id));
        Assert.Equal(201, (await FetchAsync("POST", "/api/cafe/settings/registers", body)).Status);
        Assert.Single(await RegistersInDatabaseAsync(tenant.Id));
    }

    [Fact]
    public async Task The_page_and_its_api_answers_send_the_security_headers_load_only_from_the_host_and_break_no_browser_rule()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await Host.CreateRegisterAsync(tenant, "Front", "FRONT");
        var requested = new List<string>();
        var apiAnswers = new List<IResponse>();
        var complaints = new List<string>();
        Page.Request += (_, request) => requested.Add(request.Url);
        Page.Response += (_, answer) =>
        {
            if (new Uri(answer.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            {
                apiAnswers.Add(answer);
            }
        };
        Page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                complaints.Add(message.Text);
            }
        };

        var response = await Page.GotoAsync(RegistersPage.Path);
        await RegistersPage.SignInAsync(Page, tenant.Key);
        await Expect(RegistersPage.Register(Page, "Front")).ToBeVisibleAsync();

        var headers = await response!.AllHeadersAsync();
        Assert.Contains("default-src 'self'", headers["content-security-policy"]);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        Assert.Contains("camera=()", headers["permissions-policy"]);
        // Chromium understood the policy: the features it names are off for the page.
        var allowed = await Page.EvaluateAsync<string[]>("() => document.featurePolicy.allowedFeatures()");
        Assert.Empty(new[] { "camera", "microphone", "geolocation", "payment", "usb" }.Intersect(allowed));
        // The host is reached over plain HTTP on loopback, where Strict-Transport-Security has no place.
        Assert.DoesNotContain("strict-transport-security", headers.Keys);
        // The session, the shops and the register list: tenant data the browser must not keep.
        Assert.Contains(apiAnswers, answer => answer.Url.Contains("/api/cafe/settings/registers?", StringComparison.Ordinal));
        foreach (var answer in apiAnswers)
        {
            Assert.Equal("no-store", (await answer.AllHeadersAsync()).GetValueOrDefault("cache-control"));
        }

        Assert.All(requested, url => Assert.StartsWith(Host.BaseUrl.ToString(), url));
        Assert.Empty(complaints);
    }
}
