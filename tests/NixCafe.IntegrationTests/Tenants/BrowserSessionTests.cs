using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.Tenants.Features.RevokeApiKey;

namespace NixCafe.IntegrationTests.Tenants;

/// <summary>
/// The settings page's session: signed in with a tenant's key, then a cookie, with an antiforgery
/// token on every change. Requests go over https://, as a deployed host would be reached, on a
/// clock the tests move to see the session slide and end.
/// </summary>
public sealed class BrowserSessionTests(OdooSyncFixture app) : IClassFixture<OdooSyncFixture>, IAsyncLifetime
{
    private const string SessionCookie = "__Host-NixCafe.Session";

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Signing_in_with_a_tenant_key_opens_a_session_in_a_secure_http_only_strict_cookie_that_holds_no_key()
    {
        var tenant = await app.CreateTenantAsync(name: "Corner Cafe");
        var browser = NewBrowser();

        var signIn = await browser.SignInAsync(tenant.Key);

        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), header => header.StartsWith(SessionCookie + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires=", StringComparison.Ordinal) || a.StartsWith("max-age=", StringComparison.Ordinal));
        Assert.DoesNotContain(tenant.Key[(tenant.Key.IndexOf('.') + 1)..], cookie);
        Assert.Contains(browser.CookieHeaders, header => header.StartsWith("NixCafe.Antiforgery=", StringComparison.Ordinal)
            && header.Contains("secure", StringComparison.OrdinalIgnoreCase) && header.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));

        var session = await (await browser.SendAsync(HttpMethod.Get, "/api/cafe/session")).ReadOkAsync<JsonElement>();
        var shops = await (await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/shops")).ReadOkAsync<JsonElement>();
        Assert.True(session.GetProperty("signedIn").GetBoolean());
        Assert.Equal("Corner Cafe", session.GetProperty("tenant").GetString());
        Assert.Equal(tenant.ShopId, Assert.Single(shops.EnumerateArray().ToList()).GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("ncf_00000000000000000000000000000000.secret", HttpStatusCode.Unauthorized)]
    [InlineData(CafeAppFixture.OperatorKey, HttpStatusCode.Unauthorized)]
    [InlineData("not a key", HttpStatusCode.Unauthorized)]
    [InlineData("  ", HttpStatusCode.BadRequest)]
    public async Task A_wrong_key_or_the_operator_key_opens_no_session(string key, HttpStatusCode status)
    {
        await app.CreateTenantAsync();
        var browser = NewBrowser();

        var problem = await (await browser.SignInAsync(key)).AssertProblemAsync(status);

        Assert.DoesNotContain(browser.Cookies.Keys, name => name == SessionCookie);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Equal(["Enter the tenant's API key."], problem.FieldErrors("apiKey"));
        }

        await (await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_key_of_a_known_key_id_opens_no_session()
    {
        var tenant = await app.CreateTenantAsync();
        var browser = NewBrowser();

        await (await browser.SignInAsync(tenant.Key[..^4] + "AAAA")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.DoesNotContain(browser.Cookies.Keys, name => name == SessionCookie);
    }

    [Fact]
    public async Task Signing_in_without_the_antiforgery_token_is_refused_so_another_site_cannot_sign_a_browser_in()
    {
        var tenant = await app.CreateTenantAsync();
        var browser = NewBrowser();
        await browser.ReadTokenAsync();

        var problem = await (await browser.SendAsync(HttpMethod.Post, "/api/cafe/session", new { apiKey = tenant.Key }, withToken: false)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("The antiforgery token is missing or invalid.", problem.GetProperty("title").GetString());
        Assert.DoesNotContain(browser.Cookies.Keys, name => name == SessionCookie);
    }

    [Fact]
    public async Task Changes_through_a_session_need_the_sessions_antiforgery_token()
    {
        var tenant = await app.CreateTenantAsync();
        var browser = NewBrowser();
        await browser.SignInAsync(tenant.Key);
        var stranger = NewBrowser();
        await stranger.ReadTokenAsync();
        var body = new { shopId = tenant.ShopId, name = "Front" };

        var withoutToken = await browser.SendAsync(HttpMethod.Post, "/api/cafe/settings/registers", body, withToken: false);
        var withAnotherBrowsersToken = await browser.SendAsync(HttpMethod.Post, "/api/cafe/settings/registers", body, token: stranger.Token);
        var deactivateWithoutToken = await browser.SendAsync(HttpMethod.Post, $"/api/cafe/settings/registers/{Guid.NewGuid()}/deactivate", withToken: false);

        await withoutToken.AssertProblemAsync(HttpStatusCode.BadRequest);
        await withAnotherBrowsersToken.AssertProblemAsync(HttpStatusCode.BadRequest);
        await deactivateWithoutToken.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0L, await RegisterCountAsync());

        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(HttpMethod.Post, "/api/cafe/settings/registers", body)).StatusCode);
        Assert.Equal(1L, await RegisterCountAsync());
    }

    [Fact]
    public async Task Api_key_requests_need_no_antiforgery_token_and_win_over_a_session_cookie()
    {
        var signedIn = await app.CreateTenantAsync(name: "Signed in");
        var caller = await app.CreateTenantAsync(name: "Caller");
        var browser = NewBrowser();
        await browser.SignInAsync(signedIn.Key);

        var response = await browser.SendAsync(HttpMethod.Post, "/api/cafe/settings/registers", new { shopId = caller.ShopId, name = "Front" },
            withToken: false, authorization: new AuthenticationHeaderValue("Bearer", caller.Key));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(caller.Id, await TestPostgres.ScalarAsync<Guid>(app.ConnectionString, "SELECT tenant_id FROM cafe.pos_configs"));
    }

    [Fact]
    public async Task Revoking_the_key_ends_the_sessions_opened_with_it()
    {
        var tenant = await app.CreateTenantAsync();
        var browser = NewBrowser();
        await browser.SignInAsync(tenant.Key);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers")).StatusCode);

        await app.SendAsync(new RevokeApiKeyCommand(tenant.KeyId));

        await (await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(browser.Cookies.Keys, name => name == SessionCookie);
        var session = await (await browser.SendAsync(HttpMethod.Get, "/api/cafe/session")).ReadOkAsync<JsonElement>();
        Assert.False(session.GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task Operator_endpoints_cannot_be_reached_with_a_session()
    {
        var tenant = await app.CreateTenantAsync("pro");
        var browser = NewBrowser();
        await browser.SignInAsync(tenant.Key);

        await (await browser.SendAsync(HttpMethod.Post, "/api/cafe/cron/odoo-sync")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.SendAsync(HttpMethod.Get, $"/api/operator/tenants/{tenant.Id}/odoo-sync")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.SendAsync(HttpMethod.Post, $"/api/operator/tenants/{tenant.Id}/odoo-sync/requeue")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_clears_the_session_cookie()
    {
        var tenant = await app.CreateTenantAsync();
        var browser = NewBrowser();
        await browser.SignInAsync(tenant.Key);

        var signOut = await browser.SendAsync(HttpMethod.Delete, "/api/cafe/session");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), header => header.StartsWith(SessionCookie + "=;", StringComparison.Ordinal));
        Assert.DoesNotContain(browser.Cookies.Keys, name => name == SessionCookie);
        await (await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token_so_another_site_cannot_sign_a_browser_out()
    {
        var tenant = await app.CreateTenantAsync();
        var browser = NewBrowser();
        await browser.SignInAsync(tenant.Key);

        await (await browser.SendAsync(HttpMethod.Delete, "/api/cafe/session", withToken: false)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers")).StatusCode);
    }

    [Fact]
    public async Task Past_half_the_session_a_request_renews_the_cookie_but_a_background_poll_does_not()
    {
        var tenant = await app.CreateTenantAsync();
        var browser = NewBrowser();
        await browser.SignInAsync(tenant.Key);
        app.Clock.Advance(TimeSpan.FromMinutes(16));

        var poll = await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers", poll: true);
        var use = await browser.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers");

        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.False(SetsSessionCookie(poll), "a poll renewed the session");
        Assert.Equal(HttpStatusCode.OK, use.StatusCode);
        Assert.True(SetsSessionCookie(use), "a request past half the session did not renew it");
    }

    [Fact]
    public async Task A_session_only_polled_ends_30_minutes_after_sign_in_while_one_in_use_slides_on()
    {
        var tenant = await app.CreateTenantAsync();
        var polled = NewBrowser();
        var used = NewBrowser();
        await polled.SignInAsync(tenant.Key);
        await used.SignInAsync(tenant.Key);

        // Every 2 seconds in the page; every few minutes here, up to 29 minutes after signing in.
        foreach (var _ in Enumerable.Range(0, 6))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(29.0 / 6));
            Assert.Equal(HttpStatusCode.OK, (await polled.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers", poll: true)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await used.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(2));

        await (await polled.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers", poll: true)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await used.SendAsync(HttpMethod.Get, "/api/cafe/settings/registers")).StatusCode);
    }

    private static bool SetsSessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(cookie => cookie.StartsWith(SessionCookie + "=", StringComparison.Ordinal));

    private FakeBrowser NewBrowser()
    {
        var client = app.Anonymous();
        client.BaseAddress = new Uri("https://localhost/");
        return new FakeBrowser(client);
    }

    private Task<long> RegisterCountAsync() => TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM cafe.pos_configs");
}
