using System.Net;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Tenants.Features.ChangeTenantPlan;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>A register created while its tenant moves from Starter to Pro must be pushed like any other Pro register.</summary>
public sealed class PlanChangeRaceTests(HeldCreateFixture app) : IClassFixture<HeldCreateFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync()
    {
        app.Gate.Release();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_register_created_while_its_tenant_moves_to_Pro_is_queued_for_Odoo()
    {
        var tenant = await app.CreateTenantAsync("starter");
        app.Gate.Arm();

        var create = tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" });
        await app.Gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // The create has read the plan (Starter) and not committed: the move to Pro runs now.
        var planChange = app.SendAsync(new ChangeTenantPlanCommand(tenant.Id, "pro"));
        await Task.WhenAny(planChange, WaitUntilBlockedOnTheTenantAsync());
        app.Gate.Release();
        var front = await (await create).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        await planChange;

        Assert.Equal("pro", await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT plan FROM commerce.tenants WHERE id = '{tenant.Id}'"));
        Assert.Equal("pending_create", await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT sync_state FROM cafe.pos_configs WHERE id = '{front.Id}'"));
    }

    /// <summary>Waits until a session waits on a lock while changing the tenants table: the plan change waiting for the create.</summary>
    private async Task WaitUntilBlockedOnTheTenantAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await TestPostgres.ScalarAsync<long>(app.ConnectionString,
                   "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%UPDATE%commerce%tenants%'") == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return;
            }

            await Task.Delay(20);
        }
    }
}
