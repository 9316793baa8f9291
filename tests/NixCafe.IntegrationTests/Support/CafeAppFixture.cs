using System.Net.Http.Headers;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NixCafe.Host;
using NixCafe.Tenants.Features.AddShop;
using NixCafe.Tenants.Features.AddTenant;
using NixCafe.Tenants.Features.IssueApiKey;

namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// The real host (every module, the whole pipeline) on an in-process test server, over its own
/// migrated database on the real PostgreSQL. Tests reset the database before each test.
/// </summary>
public class CafeAppFixture : IAsyncLifetime
{
    private DatabaseReset? _reset;

    public const string OperatorKey = "test-operator-key-0123456789";

    public string ConnectionString { get; private set; } = "";

    public WebApplication App { get; private set; } = null!;

    /// <summary>
    /// Requests one key may send per window. Tests send many with one key, so the fixtures raise
    /// the limit far above what they send; the limit itself is proven with a small one.
    /// </summary>
    protected virtual int RateLimitPermits => 1_000_000;

    /// <summary>Extra registrations for a test class (e.g. a failing event handler).</summary>
    protected virtual void Customise(WebApplicationBuilder builder)
    {
    }

    /// <summary>
    /// Extra settings as <c>--key=value</c> arguments. Unlike configuration set in
    /// <see cref="Customise"/>, they are there while the modules register.
    /// </summary>
    protected virtual IEnumerable<string> Settings => [];

    /// <summary>The database the host runs on: by default its own, freshly migrated.</summary>
    protected virtual Task<string> CreateDatabaseAsync() => TestPostgres.CreateMigratedDatabaseAsync();

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _reset = new DatabaseReset(ConnectionString);
        // Tests run drains themselves: no scheduled tick races them. The fake Odoo's demo shops, and
        // tenants sharing one fake, would hold every tenant's creates for adoption: the adoption tests turn it on.
        App = CafeWebApp.Build(["--NixCafe:OdooSync:SchedulerEnabled=false", "--NixCafe:OdooSync:HoldCreatesForAdoption=false", "--NixCafe:OdooSync:CallTimeout=00:00:02", "--NixCafe:OperatorKey=" + OperatorKey,
            "--NixCafe:Limits:PermitsPerWindow=" + RateLimitPermits, "--NixCafe:Limits:Window=01:00:00", .. Settings], ConnectionString, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            Customise(builder);
        });
        await App.StartAsync();
    }

    public Task ResetAsync() => _reset!.ResetAsync();

    public HttpClient Anonymous() => App.GetTestClient();

    public async Task<TResult> SendAsync<TResult>(IRequest<TResult> request)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<TestTenant> CreateTenantAsync(string plan = "starter", string name = "Cafe")
    {
        var tenantId = await SendAsync(new AddTenantCommand(name, plan));
        var shopId = await SendAsync(new AddShopCommand(tenantId, "Main Street"));
        var key = await SendAsync(new IssueApiKeyCommand(tenantId));
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        return new TestTenant(tenantId, shopId, key.KeyId, key.Key, client);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
