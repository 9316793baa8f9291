using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.OperatorConsole;

/// <summary>
/// <c>operators issue</c> and <c>operators revoke</c> as an operator runs them, in the host's own
/// process against the database the API serves: the key shown once and stored only as a salted
/// hash, its name in the audit trail, and a revoked key refused by the API and the console.
/// </summary>
public sealed partial class OperatorsCliTests(OdooSyncFixture app) : IClassFixture<OdooSyncFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient WithKey(string key)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task Issue_prints_a_key_once_that_the_API_and_the_console_take_under_its_name_and_revoke_ends_both()
    {
        var tenant = await app.CreateTenantAsync("pro", "Corner Cafe");

        var issue = await HostCli.RunAsync(app.ConnectionString, "operators", "issue", "--name", "Heidi");

        Assert.True(issue.ExitCode == 0, issue.Error);
        var printed = IssuedLines().Match(issue.Output);
        Assert.True(printed.Success, issue.Output);
        var (operatorId, key) = (Guid.Parse(printed.Groups["id"].Value), printed.Groups["key"].Value);
        Assert.Equal("Heidi", printed.Groups["name"].Value);
        // Shown once: only on stdout, never in the log on stderr nor in clear in the database.
        Assert.DoesNotContain(key, issue.Error);
        var secret = key[(key.IndexOf('.') + 1)..];
        var stored = Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString, $"SELECT * FROM commerce.operator_keys WHERE id = '{operatorId}'"));
        Assert.Equal("Heidi", stored["name"]);
        Assert.DoesNotContain(secret, string.Join("|", stored.Values.Select(value => value is byte[] bytes ? Convert.ToBase64String(bytes) : $"{value}")));
        // Salted: a salt of its own, and a hash that is not the bare SHA-256 of the secret.
        Assert.True(await TestPostgres.ScalarAsync<bool>(app.ConnectionString,
            $"SELECT octet_length(salt) >= 16 AND secret_hash <> sha256(convert_to('{secret}', 'UTF8')) FROM commerce.operator_keys WHERE id = '{operatorId}'"));

        var heidi = WithKey(key);
        (await heidi.PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync/drain", null)).EnsureSuccessStatusCode();
        Assert.Equal("operator:Heidi", await TestPostgres.ScalarAsync<string>(app.ConnectionString,
            $"SELECT actor_kind || ':' || actor_id FROM audit.entries WHERE tenant_id = '{tenant.Id}' AND action = 'odoo_sync.drained'"));
        var browser = new FakeBrowser(new HttpClient(app.App.GetTestServer().CreateHandler()) { BaseAddress = new Uri("https://localhost/") });
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SignInOperatorAsync(key)).StatusCode);
        (await browser.SendAsync(HttpMethod.Get, "/api/operator/tenants")).EnsureSuccessStatusCode();

        var revoke = await HostCli.RunAsync(app.ConnectionString, "operators", "revoke", "--operator", operatorId.ToString());

        Assert.True(revoke.ExitCode == 0, revoke.Error);
        Assert.Contains("The operator's key is revoked.", revoke.Output);
        await (await heidi.GetAsync("/api/operator/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.SendAsync(HttpMethod.Get, "/api/operator/tenants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await new FakeBrowser(new HttpClient(app.App.GetTestServer().CreateHandler()) { BaseAddress = new Uri("https://localhost/") })
            .SignInOperatorAsync(key)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoking_an_unknown_operator_fails_with_a_reason_and_changes_nothing()
    {
        var revoke = await HostCli.RunAsync(app.ConnectionString, "operators", "revoke", "--operator", Guid.NewGuid().ToString());

        Assert.NotEqual(0, revoke.ExitCode);
        Assert.Contains("nixcafe: error:", revoke.Error);
        Assert.Contains("was not found", revoke.Error);
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM audit.entries"));
    }

    [GeneratedRegex(@"operator id: (?<id>[0-9a-f-]{36})\s+name:\s+(?<name>\S+)\s+key:\s+(?<key>\S+)")]
    private static partial Regex IssuedLines();
}
