using System.Net;
using System.Net.Http.Json;
using System.Text;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Security;

public sealed class BodyCapTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_declared_body_over_the_cap_is_refused_with_413_and_changes_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        var response = await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = new string('x', 70_000) });

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("65536 bytes", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task An_undeclared_chunked_body_is_cut_at_the_cap_with_413()
    {
        var tenant = await app.CreateTenantAsync();
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);
        var json = $$"""{"shopId":"{{tenant.ShopId}}","name":"{{new string('x', 70_000)}}"}""";

        var response = await tenant.Client.PostAsync("/api/cafe/settings/registers", new UndeclaredLengthContent(Encoding.UTF8.GetBytes(json)));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task A_body_under_the_cap_is_read()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front", padding = new string(' ', 60_000) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A JSON body sent without Content-Length, as a chunked upload is.</summary>
    private sealed class UndeclaredLengthContent : HttpContent
    {
        private readonly byte[] bytes;

        public UndeclaredLengthContent(byte[] bytes)
        {
            this.bytes = bytes;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>The host with a limit of three requests per caller per hour.</summary>
public sealed class RateLimitedAppFixture : CafeAppFixture
{
    public const int Permits = 3;

    protected override int RateLimitPermits => Permits;
}

public sealed class RateLimitTests(RateLimitedAppFixture app) : IClassFixture<RateLimitedAppFixture>
{
    [Fact]
    public async Task A_key_past_its_limit_gets_429_with_retry_after_other_callers_are_not_affected_and_the_operator_is_not_limited()
    {
        await app.ResetAsync();
        var tenant = await app.CreateTenantAsync(name: "Busy");
        var other = await app.CreateTenantAsync(name: "Quiet");

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedAppFixture.Permits; i++)
        {
            allowed.Add((await tenant.Client.GetAsync("/api/cafe/settings/registers")).StatusCode);
        }

        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);
        var throttled = await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" });
        var otherKey = await other.Client.GetAsync("/api/cafe/settings/registers");
        var health = await app.Anonymous().GetAsync("/health");
        var operatorClient = app.Anonymous();
        operatorClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", CafeAppFixture.OperatorKey);
        var operatorAnswers = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedAppFixture.Permits; i++)
        {
            operatorAnswers.Add((await operatorClient.GetAsync($"/api/operator/tenants/{tenant.Id}/audit")).StatusCode);
        }

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedAppFixture.Permits; i++)
        {
            var guess = app.Anonymous();
            guess.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "guess-of-the-operator-key-" + i);
            guesses.Add((await guess.GetAsync($"/api/operator/tenants/{tenant.Id}/audit")).StatusCode);
        }

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        var problem = await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("try again", problem.GetProperty("detail").GetString());
        var retryAfter = int.Parse(Assert.Single(throttled.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, health.StatusCode);
        // The operator's key is not limited; guesses at it are, as anonymous callers.
        Assert.All(operatorAnswers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, RateLimitedAppFixture.Permits), HttpStatusCode.TooManyRequests], guesses);
    }
}
