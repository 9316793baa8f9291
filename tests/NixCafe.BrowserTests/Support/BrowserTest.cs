using Microsoft.Playwright;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.BrowserTests.Support;

/// <summary>Each test: a clean database and its own browser context (its own cookies), closed afterwards.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture host) : IAsyncLifetime
{
    protected BrowserFixture Host { get; } = host;

    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.ResetAsync();
        Page = await Host.NewPageAsync();
    }

    public async Task DisposeAsync() => await Page.Context.CloseAsync();

    /// <summary>The tenant's registers as the database holds them, by name.</summary>
    protected async Task<List<Dictionary<string, object?>>> RegistersInDatabaseAsync(Guid tenantId) =>
        await TestPostgres.QueryAsync(Host.ConnectionString, $"""
            SELECT id, shop_id, name, sequence_prefix, is_active, sync_state, odoo_sync_retries, sync_error_message, odoo_pos_config_id
              FROM cafe.pos_configs WHERE tenant_id = '{tenantId}' ORDER BY name
            """);

    protected async Task<Dictionary<string, object?>> RegisterInDatabaseAsync(Guid tenantId, string name) =>
        Assert.Single(await RegistersInDatabaseAsync(tenantId), row => (string)row["name"]! == name);

    /// <summary>Marks the loaded document, so a test can tell later that the page was never reloaded.</summary>
    protected Task MarkDocumentAsync() => Page.EvaluateAsync("() => { window.nixcafeTestMark = 'not reloaded'; }");

    protected async Task AssertNotReloadedAsync() =>
        Assert.Equal("not reloaded", await Page.EvaluateAsync<string?>("() => window.nixcafeTestMark ?? null"));
}
