using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Security;

/// <summary>
/// Calls every endpoint of the host as tenant A with tenant B's ids (in the route, the query and
/// the body): a tenant endpoint answers 404 or A's own data, never B's, and changes nothing;
/// an operator endpoint refuses A's key with 403.
/// </summary>
public sealed class IsolationTests(OdooSyncFixture app, ITestOutputHelper output) : IClassFixture<OdooSyncFixture>
{
    [Fact]
    public async Task No_endpoint_lets_one_tenant_reach_another_tenants_data()
    {
        await app.ResetAsync();
        var a = await app.CreateTenantAsync("pro", "Tenant A");
        var b = await app.CreateTenantAsync("pro", "Tenant B");
        await app.ConnectAsync(b.Id, "https://odoo-b.example/", "b-db", "odoo-key-of-b");
        var bRegister = await (await b.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = b.ShopId, name = "B only till", prefix = "BTILL" }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        // B's register is dead-lettered, so requeue endpoints have something of B's to reach for.
        await TestPostgres.ExecuteAsync(app.ConnectionString, $"UPDATE cafe.pos_configs SET sync_state = 'sync_error', odoo_pos_config_id = 7 WHERE id = '{bRegister.Id}'");
        // B's ids are in every request (a 404 may echo them back); what A must never see is B's data.
        string[] bSecrets = ["B only till", "BTILL", "odoo-b.example", "b-db", "Tenant B"];
        var bIds = new Dictionary<string, string> { ["registerId"] = bRegister.Id.ToString(), ["tenantId"] = b.Id.ToString(), ["shopId"] = b.ShopId.ToString() };
        var body = $$"""{"tenantId":"{{b.Id}}","shopId":"{{b.ShopId}}","registerId":"{{bRegister.Id}}","name":"Takeover","prefix":"TAKE","baseUrl":"https://evil.example/","database":"x","login":"x","apiKey":"x"}""";

        var endpoints = EndpointCatalog.Of(app.App);
        var tally = new Dictionary<EndpointAudience, int>();
        foreach (var endpoint in endpoints.Where(endpoint => endpoint.Audience != EndpointAudience.Anonymous))
        {
            var before = await DatabaseChecksum.OfAsync(app.ConnectionString);
            var path = endpoint.Path(name => bIds.GetValueOrDefault(name) ?? Guid.NewGuid().ToString()) + $"?shopId={b.ShopId}&tenantId={b.Id}";
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
            if (endpoint.Method is "POST" or "PUT")
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            var response = await a.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{endpoint} → {(int)response.StatusCode}");

            if (endpoint.Audience == EndpointAudience.Operator)
            {
                await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            }
            else if (endpoint.RouteParameters.Count > 0)
            {
                await response.AssertProblemAsync(HttpStatusCode.NotFound);
            }
            else
            {
                Assert.True((int)response.StatusCode is 200 or 404, $"{endpoint}: {(int)response.StatusCode} {text}");
            }

            Assert.All(bSecrets, secret => Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
            tally[endpoint.Audience] = tally.GetValueOrDefault(endpoint.Audience) + 1;
        }

        output.WriteLine(string.Join(", ", tally.Select(pair => $"{pair.Key}: {pair.Value} endpoints")));
        // The catalogue found the endpoints this test is about (it would pass vacuously otherwise).
        Assert.True(tally.GetValueOrDefault(EndpointAudience.Tenant) >= 12, "tenant endpoints found: " + tally.GetValueOrDefault(EndpointAudience.Tenant));
        Assert.True(tally.GetValueOrDefault(EndpointAudience.Operator) >= 7, "operator endpoints found: " + tally.GetValueOrDefault(EndpointAudience.Operator));
        Assert.Equal("B only till", await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT name FROM cafe.pos_configs WHERE id = '{bRegister.Id}'"));
    }

    [Fact]
    public async Task The_registers_context_sees_only_the_authenticated_tenants_registers_whatever_the_query_says()
    {
        await app.ResetAsync();
        var a = await app.CreateTenantAsync(name: "Tenant A");
        var b = await app.CreateTenantAsync(name: "Tenant B");
        foreach (var (tenant, name) in new[] { (a, "A1"), (a, "A2"), (b, "B1") })
        {
            await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name });
        }

        var options = new DbContextOptionsBuilder<RegistersDbContext>().UseNpgsql(app.ConnectionString).Options;
        await using var asA = new RegistersDbContext(options, new FixedTenant(a.Id));
        await using var asNobody = new RegistersDbContext(options, new NoTenant());

        // No Where clause at all, and one that asks for B's rows by name: the filter still applies.
        Assert.Equal(["A1", "A2"], (await asA.Registers.Select(register => register.Name).ToListAsync()).Order());
        Assert.Empty(await asA.Registers.Where(register => register.TenantId == b.Id || register.Name == "B1").ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => asNobody.Registers.ToListAsync());
    }

    private sealed class FixedTenant(Guid id) : ICurrentTenant
    {
        public Guid Id => id;
    }

    private sealed class NoTenant : ICurrentTenant
    {
        public Guid Id => throw new InvalidOperationException("The request is not authenticated as a tenant.");
    }
}
