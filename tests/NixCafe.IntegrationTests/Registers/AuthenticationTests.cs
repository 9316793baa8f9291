using System.Net;
using System.Net.Http.Headers;
using NixCafe.IntegrationTests.Support;
using NixCafe.Tenants.Features.RevokeApiKey;

namespace NixCafe.IntegrationTests.Registers;

public sealed class AuthenticationTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> GetWithAsync(string? authorization)
    {
        var client = app.Anonymous();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.GetAsync("/api/cafe/settings/registers");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ncf_00000000000000000000000000000000.secret")]
    public async Task A_request_without_a_valid_key_answers_401(string? authorization)
    {
        await app.CreateTenantAsync();

        await (await GetWithAsync(authorization)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_with_the_right_id_and_a_wrong_secret_answers_401()
    {
        var tenant = await app.CreateTenantAsync();
        var forged = tenant.Key[..^4] + "AAAA";

        await (await GetWithAsync($"Bearer {forged}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await GetWithAsync($"Bearer {tenant.Key}")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        var tenant = await app.CreateTenantAsync();
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.GetAsync("/api/cafe/settings/registers")).StatusCode);

        await app.SendAsync(new RevokeApiKeyCommand(tenant.KeyId));

        await (await tenant.Client.GetAsync("/api/cafe/settings/registers")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_salted_hashes()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync(name: "Second");

        var rows = await TestPostgres.QueryAsync(app.ConnectionString, "SELECT salt, secret_hash FROM commerce.tenant_api_keys");
        var stored = string.Join("|", rows.SelectMany(row => row.Values).Select(value => Convert.ToBase64String((byte[])value!)));
        var secret = first.Key[(first.Key.IndexOf('.') + 1)..];

        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain(secret, stored);
        Assert.NotEqual(rows[0]["salt"], rows[1]["salt"]);
        Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync("/api/cafe/settings/shops")).StatusCode);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_need_no_key()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/openapi/v1.json")).StatusCode);
    }
}
