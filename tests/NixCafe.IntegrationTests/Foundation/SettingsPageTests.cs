using System.Net;
using System.Text.RegularExpressions;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Foundation;

/// <summary>The settings page's files, and the security headers every answer of the host carries.</summary>
public sealed class SettingsPageTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>
{
    [Theory]
    [InlineData("/cafe/settings/registers", "text/html")]
    [InlineData("/cafe/settings/assets/page.js", "text/javascript")]
    [InlineData("/cafe/settings/assets/registers.js", "text/javascript")]
    [InlineData("/cafe/settings/assets/registers.css", "text/css")]
    [InlineData("/cafe/settings/assets/favicon.svg", "image/svg+xml")]
    public async Task The_page_and_its_files_are_served_without_a_key_with_their_type(string path, string mediaType)
    {
        var response = await app.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task The_page_loads_nothing_from_elsewhere_and_has_no_inline_script_or_style()
    {
        var html = await app.Anonymous().GetStringAsync("/cafe/settings/registers");

        var scripts = Regex.Matches(html, "<script[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value).ToList();
        // The shared script first: deferred scripts run in order, and the page's own uses it.
        Assert.Equal(["<script src=\"/cafe/settings/assets/page.js\" defer>", "<script src=\"/cafe/settings/assets/registers.js\" defer>"], scripts);
        Assert.DoesNotMatch("<style|style=\"|\\son[a-z]+=\"", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public async Task Api_answers_and_errors_carry_the_security_headers_too_and_are_never_stored_by_a_cache()
    {
        var tenant = await app.CreateTenantAsync();

        var unauthorized = await app.Anonymous().GetAsync("/api/cafe/settings/registers");
        var shops = await tenant.Client.GetAsync("/api/cafe/settings/shops");
        var registers = await tenant.Client.GetAsync("/api/cafe/settings/registers");
        var notFound = await tenant.Client.GetAsync($"/api/cafe/settings/registers/{Guid.NewGuid()}");

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound],
            new[] { unauthorized, shops, registers, notFound }.Select(response => response.StatusCode));
        foreach (var response in new[] { unauthorized, shops, registers, notFound })
        {
            AssertSecurityHeaders(response);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Strict_transport_security_is_sent_over_https_and_never_over_plain_http()
    {
        var https = app.Anonymous();
        https.BaseAddress = new Uri("https://localhost/");

        var overHttps = await https.GetAsync("/cafe/settings/registers");
        var overHttp = await app.Anonymous().GetAsync("/cafe/settings/registers");

        Assert.Equal("max-age=31536000", Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("default-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Contains("object-src 'none'", directives);
        Assert.Contains("base-uri 'none'", directives);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var permissions = Assert.Single(response.Headers.GetValues("Permissions-Policy")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Superset(new HashSet<string> { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" }, permissions.ToHashSet());
    }
}
