using System.Net;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Tenants.Features.ChangeTenantPlan;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>Register changes become queue states in the same transaction (the states of docs/design.md).</summary>
public sealed class QueueTransitionTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>, IAsyncLifetime
{
    private const string Registers = "/api/cafe/settings/registers";

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<RegisterResponse> CreateAsync(TestTenant tenant, string name) =>
        await (await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);

    private async Task<Dictionary<string, object?>> SyncRowAsync(Guid registerId) =>
        Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString,
            $"SELECT sync_state, odoo_sync_retries, odoo_next_attempt_at, sync_error_message, odoo_pos_config_id FROM cafe.pos_configs WHERE id = '{registerId}'"));

    private async Task<(string Name, bool Active)> NameAndActiveAsync(Guid registerId)
    {
        var row = Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString, $"SELECT name, is_active FROM cafe.pos_configs WHERE id = '{registerId}'"));
        return ((string)row["name"]!, (bool)row["is_active"]!);
    }

    /// <summary>Puts a register where a drain would leave it: known to Odoo, in the given state.</summary>
    private Task AsIfPushedAsync(Guid registerId, string state, int retries = 0, string? error = null) =>
        TestPostgres.ExecuteAsync(app.ConnectionString, $"""
            UPDATE cafe.pos_configs SET odoo_pos_config_id = 11, sync_state = '{state}', odoo_sync_retries = {retries},
                   odoo_next_attempt_at = CASE WHEN {retries} > 0 THEN now() + interval '1 hour' END,
                   sync_error_message = {(error is null ? "NULL" : $"'{error}'")}
             WHERE id = '{registerId}'
            """);

    [Fact]
    public async Task A_pro_tenants_new_register_is_pending_create_and_a_starter_tenants_is_synced()
    {
        var pro = await app.CreateTenantAsync("pro", "Pro");
        var starter = await app.CreateTenantAsync("starter", "Starter");

        var proRegister = await CreateAsync(pro, "Front");
        var starterRegister = await CreateAsync(starter, "Front");

        Assert.Equal("pending_create", (await SyncRowAsync(proRegister.Id))["sync_state"]);
        Assert.Equal("pending_create", proRegister.Sync?.State);
        Assert.Equal("synced", (await SyncRowAsync(starterRegister.Id))["sync_state"]);
        Assert.Null(starterRegister.Sync);
    }

    [Theory]
    [InlineData("rename")]
    [InlineData("deactivate")]
    public async Task A_change_of_a_register_odoo_has_queues_an_update_with_a_fresh_retry_count(string change)
    {
        var pro = await app.CreateTenantAsync("pro");
        var front = await CreateAsync(pro, "Front");
        await AsIfPushedAsync(front.Id, "sync_error", retries: 5, error: "odoo.exceptions.ValidationError: bad journal");

        var response = change == "rename"
            ? await pro.Client.PutAsJsonAsync($"{Registers}/{front.Id}/name", new { name = "Counter" })
            : await pro.Client.PostAsync($"{Registers}/{front.Id}/deactivate", null);

        var after = await response.ReadOkAsync<RegisterResponse>();
        var row = await SyncRowAsync(front.Id);
        Assert.Equal("pending_update", row["sync_state"]);
        Assert.Equal(0, row["odoo_sync_retries"]);
        Assert.Null(row["odoo_next_attempt_at"]);
        Assert.Null(row["sync_error_message"]);
        Assert.Equal(new RegisterSyncResponse("pending_update", null, 0, 11), after.Sync);
    }

    [Fact]
    public async Task A_change_during_a_pending_create_leaves_the_create_to_carry_it()
    {
        var pro = await app.CreateTenantAsync("pro");
        var front = await CreateAsync(pro, "Front");

        // Both changes must have been made: a refused request would leave the state as it was too.
        var renamed = await (await pro.Client.PutAsJsonAsync($"{Registers}/{front.Id}/name", new { name = "Counter" })).ReadOkAsync<RegisterResponse>();
        var deactivated = await (await pro.Client.PostAsync($"{Registers}/{front.Id}/deactivate", null)).ReadOkAsync<RegisterResponse>();
        Assert.Equal(("Counter", "pending_create"), (renamed.Name, renamed.Sync?.State));
        Assert.Equal((false, "pending_create"), (deactivated.Active, deactivated.Sync?.State));
        Assert.Equal(("Counter", false), await NameAndActiveAsync(front.Id));

        Assert.Equal("pending_create", (await SyncRowAsync(front.Id))["sync_state"]);
    }

    [Fact]
    public async Task A_prefix_change_and_a_starter_rename_queue_nothing()
    {
        var pro = await app.CreateTenantAsync("pro");
        var starter = await app.CreateTenantAsync("starter", "Starter");
        var proFront = await CreateAsync(pro, "Front");
        var starterFront = await CreateAsync(starter, "Front");
        await AsIfPushedAsync(proFront.Id, "synced");

        // Both changes must have been made: a refused request would queue nothing too.
        var prefixed = await (await pro.Client.PutAsJsonAsync($"{Registers}/{proFront.Id}/prefix", new { prefix = "FR" })).ReadOkAsync<RegisterResponse>();
        var renamed = await (await starter.Client.PutAsJsonAsync($"{Registers}/{starterFront.Id}/name", new { name = "Counter" })).ReadOkAsync<RegisterResponse>();
        Assert.Equal(("FR", "synced"), (prefixed.Prefix, prefixed.Sync?.State));
        Assert.Equal("Counter", renamed.Name);
        Assert.Null(renamed.Sync);
        Assert.Equal("FR", await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT sequence_prefix FROM cafe.pos_configs WHERE id = '{proFront.Id}'"));
        Assert.Equal(("Counter", true), await NameAndActiveAsync(starterFront.Id));

        Assert.Equal("synced", (await SyncRowAsync(proFront.Id))["sync_state"]);
        Assert.Equal("synced", (await SyncRowAsync(starterFront.Id))["sync_state"]);
    }

    [Fact]
    public async Task Moving_a_tenant_to_pro_queues_a_create_for_every_register_odoo_lacks()
    {
        var tenant = await app.CreateTenantAsync("starter");
        var front = await CreateAsync(tenant, "Front");
        var drive = await CreateAsync(tenant, "Drive");
        await AsIfPushedAsync(drive.Id, "synced");

        await app.SendAsync(new ChangeTenantPlanCommand(tenant.Id, "pro"));

        Assert.Equal("pending_create", (await SyncRowAsync(front.Id))["sync_state"]);
        Assert.Equal("synced", (await SyncRowAsync(drive.Id))["sync_state"]);
        var listed = await (await tenant.Client.GetAsync(Registers)).ReadOkAsync<List<RegisterResponse>>();
        Assert.Equal(["synced", "pending_create"], listed.Select(register => register.Sync?.State));
    }
}
