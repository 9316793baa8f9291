using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Domain;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Persistence;
using Npgsql;
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
        // B's register's Odoo id: the operator's ignore routes take one.
        var bIds = new Dictionary<string, string> { ["registerId"] = bRegister.Id.ToString(), ["tenantId"] = b.Id.ToString(), ["shopId"] = b.ShopId.ToString(), ["odooPosConfigId"] = "7" };
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

        var options = new DbContextOptionsBuilder<RegistersDbContext>().UseNpgsql(app.ConnectionString).UseSnakeCaseNamingConvention().Options;
        await using var asA = new RegistersDbContext(options);
        asA.UseTenant(new FixedTenant(a.Id));
        await using var asNobody = new RegistersDbContext(options);
        asNobody.UseTenant(new NoTenant());

        // No Where clause at all, and one that asks for B's rows by name: the filter still applies.
        Assert.Equal(["A1", "A2"], (await asA.Registers.Select(register => register.Name).ToListAsync()).Order());
        Assert.Empty(await asA.Registers.Where(register => register.TenantId == b.Id || register.Name == "B1").ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => asNobody.Registers.ToListAsync());
    }

    [Fact]
    public async Task Every_modules_context_shows_and_changes_only_the_scopes_tenants_shops_connection_and_sync_rows()
    {
        await app.ResetAsync();
        var a = await app.CreateTenantAsync("pro", "Tenant A");
        var b = await app.CreateTenantAsync("pro", "Tenant B");
        await app.ConnectAsync(a.Id, "https://odoo-a.example/", "a-db", "odoo-key-of-a");
        await app.ConnectAsync(b.Id, "https://odoo-b.example/", "b-db", "odoo-key-of-b");
        foreach (var tenant in new[] { a, b })
        {
            (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Till" })).EnsureSuccessStatusCode();
        }

        await using var scope = app.App.Services.CreateAsyncScope();
        var shops = scope.ServiceProvider.GetRequiredService<TenantsDbContext>().Shops;
        var sync = scope.ServiceProvider.GetRequiredService<OdooSyncDbContext>();
        using (scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(a.Id))
        {
            // No Where clause, and one asking for B's rows by id: the filters still apply.
            Assert.Equal([a.ShopId], await shops.Select(shop => shop.Id).ToListAsync());
            Assert.Empty(await shops.Where(shop => shop.Id == b.ShopId).ToListAsync());
            Assert.Equal(["a-db"], await sync.Connections.Select(connection => connection.Database).ToListAsync());
            Assert.Equal([a.Id], await sync.PosConfigs.Select(row => row.TenantId).Distinct().ToListAsync());
            // Bulk writes are filtered too: a statement meant for "every row" touches only A's.
            Assert.Equal(1, await sync.Connections.ExecuteUpdateAsync(set => set.SetProperty(connection => connection.LastError, "touched")));
            Assert.Equal(1, await sync.PosConfigs.Where(row => row.TenantId == b.Id || true).ExecuteUpdateAsync(set => set.SetProperty(row => row.SyncErrorMessage, "touched")));
        }

        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(app.ConnectionString,
            $"SELECT (SELECT count(*) FROM odoo_sync.tenant_connections WHERE tenant_id = '{b.Id}' AND last_error IS NOT NULL) + (SELECT count(*) FROM cafe.pos_configs WHERE tenant_id = '{b.Id}' AND sync_error_message IS NOT NULL)"));
    }

    [Fact]
    public async Task Reading_tenant_data_with_no_tenant_set_throws_instead_of_seeing_every_tenant()
    {
        await app.ResetAsync();
        await app.CreateTenantAsync("pro", "Tenant A");

        // A scope with no request and nothing entered, as a job or verb that forgot its tenant would have.
        await using var scope = app.App.Services.CreateAsyncScope();
        var shops = scope.ServiceProvider.GetRequiredService<TenantsDbContext>();
        var sync = scope.ServiceProvider.GetRequiredService<OdooSyncDbContext>();
        var registers = scope.ServiceProvider.GetRequiredService<RegistersDbContext>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => shops.Shops.ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => sync.Connections.ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => sync.PosConfigs.CountAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => registers.Registers.ToListAsync());
    }

    [Fact]
    public async Task A_pooled_context_leased_without_a_tenant_after_a_tenants_requests_refuses_to_read()
    {
        await app.ResetAsync();
        var a = await app.CreateTenantAsync(name: "Tenant A");
        (await a.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = a.ShopId, name = "A's till" })).EnsureSuccessStatusCode();
        // Requests that follow, so the ones before them have surely given their contexts back.
        for (var read = 0; read < 3; read++)
        {
            (await a.Client.GetAsync("/api/cafe/settings/registers")).EnsureSuccessStatusCode();
        }

        // More contexts than this test's host ever had at once, so every one the pool holds, leased
        // as a registration that forgot UseTenant would lease it: the scope of the request that
        // used it last has ended, and its tenant must not answer.
        var factory = app.App.Services.GetRequiredService<IDbContextFactory<RegistersDbContext>>();
        var leased = Enumerable.Range(0, 300).Select(_ => factory.CreateDbContext()).ToList();
        try
        {
            foreach (var context in leased)
            {
                context.Database.SetDbConnection(new NpgsqlConnection(app.ConnectionString), contextOwnsConnection: true);
                await Assert.ThrowsAsync<InvalidOperationException>(() => context.Registers.Select(register => register.Name).ToListAsync());
            }
        }
        finally
        {
            foreach (var context in leased)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Every_mapped_entity_with_a_tenant_id_is_tenant_owned_and_filtered_except_the_api_keys_the_verifier_reads_before_a_tenant_is_known()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var entities = UnitOfWorkParticipantType.InScope(scope.ServiceProvider).Cast<DbContext>()
            .SelectMany(context => context.Model.GetEntityTypes())
            .Where(entity => entity.FindProperty("TenantId") is not null)
            .ToList();

        Assert.Equal(["ApiKey", "DriftFinding", "IgnoredOdooRecord", "PosConfigSync", "Register", "Shop", "TenantOdooConnection"], entities.Select(entity => entity.ClrType.Name).Order());
        Assert.All(entities.Where(entity => entity.ClrType.Name != "ApiKey"), entity =>
        {
            Assert.True(typeof(ITenantOwned).IsAssignableFrom(entity.ClrType), $"{entity.ClrType.Name} is not ITenantOwned");
            Assert.NotEmpty(entity.GetDeclaredQueryFilters());
        });
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
