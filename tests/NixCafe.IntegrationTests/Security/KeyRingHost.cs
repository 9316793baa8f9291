using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Security;

/// <summary>One app instance over a shared database, with the key ring settings it is given.</summary>
public sealed class KeyRingHost(string database, string[] settings) : OdooSyncFixture
{
    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    protected override IEnumerable<string> Settings => settings;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(database);

    protected override void Customise(WebApplicationBuilder builder)
    {
        base.Customise(builder);
        builder.Logging.AddFakeLogging();
    }

    /// <summary>A client of this instance carrying the tenant's key (the tenant's own client talks to the instance that made it).</summary>
    public HttpClient ClientOf(TestTenant tenant)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);
        return client;
    }

    public async Task<bool> ApiKeyNeedsReentryAsync(Guid tenantId) =>
        (await (await Operator().GetAsync($"/api/operator/tenants/{tenantId}/odoo-sync")).ReadOkAsync<JsonElement>())
            .GetProperty("connection").GetProperty("apiKeyNeedsReentry").GetBoolean();
}
