using System.Net;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.IssueOrderNumber;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Registers;

public sealed class OrderNumberTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>, IAsyncLifetime
{
    private const string Registers = "/api/cafe/settings/registers";

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<Guid> CreateAsync(TestTenant tenant, string name, string? prefix) =>
        (await (await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name, prefix }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;

    private static async Task<string> NextAsync(TestTenant tenant, Guid registerId) =>
        (await (await tenant.Client.PostAsync($"{Registers}/{registerId}/order-numbers", null)).ReadOkAsync<OrderNumberResponse>()).OrderNumber;

    [Fact]
    public async Task Numbers_count_up_per_register_with_its_prefix()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await CreateAsync(tenant, "Front", "FRONT");
        var plain = await CreateAsync(tenant, "Back office", null);

        Assert.Equal("FRONT-001", await NextAsync(tenant, front));
        Assert.Equal("FRONT-002", await NextAsync(tenant, front));
        Assert.Equal("001", await NextAsync(tenant, plain));
        Assert.Equal("FRONT-003", await NextAsync(tenant, front));
        var row = Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString, $"SELECT last_number, tenant_id FROM cafe.pos_sequences WHERE pos_config_uuid = '{front}'"));
        Assert.Equal(3, row["last_number"]);
        Assert.Equal(tenant.Id, row["tenant_id"]);
    }

    [Fact]
    public async Task Numbers_grow_wider_than_three_digits_past_999()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await CreateAsync(tenant, "Front", "FRONT");
        await NextAsync(tenant, front);
        await TestPostgres.ExecuteAsync(app.ConnectionString, $"UPDATE cafe.pos_sequences SET last_number = 998 WHERE pos_config_uuid = '{front}'");

        Assert.Equal("FRONT-999", await NextAsync(tenant, front));
        Assert.Equal("FRONT-1000", await NextAsync(tenant, front));
    }

    [Fact]
    public async Task Fifty_concurrent_calls_on_one_register_get_fifty_distinct_consecutive_numbers()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await CreateAsync(tenant, "Front", "F");

        var numbers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => NextAsync(tenant, front))));

        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"F-{n:D3}"), numbers.Order());
    }

    [Fact]
    public async Task An_inactive_register_takes_no_order_number()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await CreateAsync(tenant, "Front", "F");
        await tenant.Client.PostAsync($"{Registers}/{front}/deactivate", null);

        var response = await tenant.Client.PostAsync($"{Registers}/{front}/order-numbers", null);

        Assert.Equal("InactiveRegisterCannotIssueOrderNumbers", (await response.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("rule").GetString());
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM cafe.pos_sequences"));
    }
}
