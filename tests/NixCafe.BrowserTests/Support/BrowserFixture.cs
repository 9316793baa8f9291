using System.Net.Http.Headers;
using System.Net.Http.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NixCafe.FakeOdoo;
using NixCafe.Host;
using NixCafe.IntegrationTests.Support;
using NixCafe.Tenants.Features.AddShop;
using NixCafe.Tenants.Features.AddTenant;
using NixCafe.Tenants.Features.IssueApiKey;

namespace NixCafe.BrowserTests.Support;

/// <summary>
/// One run's host and browser: the real host on a loopback port (Kestrel, as in production) over
/// its own migrated database on the test PostgreSQL, and one headless Debian Chromium driven by
/// Playwright. Tests open a browser context each and reset the database before they start.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string OperatorKey = "browser-test-operator-key-0123456789";

    /// <summary>Debian's Chromium (build/install-chromium.sh): Playwright cannot download its own here.</summary>
    private const string ChromiumPath = "/usr/bin/chromium";

    // The network is closed: without these, Chromium keeps trying to reach Google's services.
    // (Headless = true adds --headless; Playwright gives every launch a fresh --user-data-dir.)
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly ChangingSettings _settings = new();
    private DatabaseReset _reset = null!;
    private IPlaywright _playwright = null!;

    public string ConnectionString { get; private set; } = "";

    public WebApplication App { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateMigratedDatabaseAsync();
        _reset = new DatabaseReset(ConnectionString);
        // Tests run the drain themselves, through the operator endpoint: no scheduled tick races them.
        App = CafeWebApp.Build(
            [
                "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--NixCafe:OdooSync:SchedulerEnabled=false",
                "--NixCafe:OdooSync:CallTimeout=00:00:05", "--NixCafe:OperatorKey=" + OperatorKey,
                // The page polls and the tests click fast with one key: keep the rate limit out of their way.
                "--NixCafe:Limits:PermitsPerWindow=1000000",
                // The fake Odoo's demo shops would hold every tenant's creates for adoption: AdoptionConsoleTests turns it on.
                "--NixCafe:OdooSync:HoldCreatesForAdoption=false",
            ],
            ConnectionString);
        // Last, so its values win over the arguments above.
        ((IConfigurationBuilder)App.Configuration).Add(_settings);
        await App.StartAsync();
        BaseUrl = new Uri(App.Urls.Single());

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run build/install-chromium.sh (build/test.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        // Waits, not timings: an expectation passes as soon as the page shows it.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public Task ResetAsync() => _reset.ResetAsync();

    /// <summary>Changes a setting of the running host as a reloaded configuration would.</summary>
    public void ChangeSetting(string key, string value) => _settings.Change(key, value);

    /// <summary>A fresh browser context (its own cookies) and a page in it.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public async Task<TResult> SendAsync<TResult>(IRequest<TResult> request)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<BrowserTenant> CreateTenantAsync(string name, string plan = "starter")
    {
        var tenantId = await SendAsync(new AddTenantCommand(name, plan));
        var shopId = await SendAsync(new AddShopCommand(tenantId, "Main Street"));
        var key = await SendAsync(new IssueApiKeyCommand(tenantId));
        return new BrowserTenant(tenantId, shopId, key.KeyId, key.Key);
    }

    /// <summary>A Pro tenant whose Odoo connection points at <paramref name="odoo"/>, as its admin or as another Odoo user.</summary>
    public async Task<BrowserTenant> ConnectedProTenantAsync(FakeOdooServer odoo, string name, string login = FakeOdooServer.LoginName, string? apiKey = null)
    {
        var tenant = await CreateTenantAsync(name, "pro");
        using var client = Client(OperatorKey);
        var response = await client.PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection",
            new { baseUrl = odoo.BaseUrl, database = FakeOdooServer.DatabaseName, login, apiKey = apiKey ?? odoo.ApiKey });
        response.EnsureSuccessStatusCode();
        return tenant;
    }

    /// <summary>A register made through the API, as another client of the tenant would.</summary>
    public async Task<Guid> CreateRegisterAsync(BrowserTenant tenant, string name, string? prefix = null, Guid? shopId = null)
    {
        using var client = Client(tenant.Key);
        var response = await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = shopId ?? tenant.ShopId, name, prefix });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedRegister>())!.Id;
    }

    /// <summary>One scheduled tick, run now through the operator endpoint: every due register goes to Odoo.</summary>
    public async Task DrainAsync()
    {
        using var client = Client(OperatorKey);
        (await client.PostAsync("/api/cafe/cron/odoo-sync", null)).EnsureSuccessStatusCode();
    }

    public HttpClient Client(string bearer)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    private sealed record CreatedRegister(Guid Id);
}
