using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NixCafe.FakeOdoo;
using NixCafe.OdooSync.Features.DeadLetters;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Features.ManageConnection;

namespace NixCafe.IntegrationTests.Support;

/// <summary>The host with a hand-moved clock; each test gets a fresh fake Odoo.</summary>
public class OdooSyncFixture : CafeAppFixture
{
    /// <summary>Moves only when a test advances it (timers made from it fire only then too).</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    protected override void Customise(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(Clock);

    public HttpClient Operator()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        return client;
    }

    /// <summary>A Pro tenant whose Odoo connection points at <paramref name="odoo"/>.</summary>
    public async Task<TestTenant> ConnectedProTenantAsync(FakeOdooServer odoo, string? apiKey = null, string name = "Pro cafe")
    {
        var tenant = await CreateTenantAsync("pro", name);
        await ConnectAsync(tenant.Id, odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, apiKey ?? odoo.ApiKey);
        return tenant;
    }

    public async Task ConnectAsync(Guid tenantId, string baseUrl, string database, string apiKey, string login = FakeOdooServer.LoginName, string transport = "auto")
    {
        var response = await Operator().PutAsJsonAsync($"/api/operator/tenants/{tenantId}/odoo-connection",
            new { baseUrl, database, login, apiKey, transport });
        response.EnsureSuccessStatusCode();
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(Guid tenantId) =>
        await (await Operator().PostAsync($"/api/operator/tenants/{tenantId}/odoo-connection/test", null)).ReadOkAsync<ConnectionTestResult>();

    public async Task<SyncStatus> StatusAsync(Guid tenantId) =>
        await (await Operator().GetAsync($"/api/operator/tenants/{tenantId}/odoo-sync")).ReadOkAsync<SyncStatus>();

    public Task<TenantDrainResult> DrainAsync(Guid tenantId) => SendAsync(new DrainPosConfigQueueCommand(tenantId));
}
