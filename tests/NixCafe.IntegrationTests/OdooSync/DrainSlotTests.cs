using System.Net;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.ReconcileDrift;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// A host's drain slots bound its drains and drift checks together, however many tenants a tick
/// hands it. Each drain calls Odoo one call at a time, so the calls the fake Odoo receives at once
/// are the drains and checks running at once.
/// </summary>
public sealed class DrainSlotTests(FewDrainSlotsFixture app) : IClassFixture<FewDrainSlotsFixture>, IAsyncLifetime
{
    private const int Tenants = 8;

    private FakeOdooServer _odoo = null!;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        _odoo = await FakeOdooServer.StartAsync();
    }

    public async Task DisposeAsync() => await _odoo.DisposeAsync();

    [Fact]
    public async Task A_tick_drains_tenants_in_parallel_but_never_more_than_the_hosts_drain_slots()
    {
        await TenantsWithARegisterAsync();

        _odoo.Latency = TimeSpan.FromMilliseconds(100);
        var tick = await app.SendAsync(new RunOdooSyncTickCommand());

        Assert.Equal((Tenants, Tenants), (tick.Tenants, tick.Created));
        Assert.Equal(FewDrainSlotsFixture.DrainSlots, _odoo.MostCallsAtOnce);
    }

    [Fact]
    public async Task Drift_checks_and_drains_running_together_share_the_same_slots()
    {
        var tenantIds = await TenantsWithARegisterAsync();

        _odoo.Latency = TimeSpan.FromMilliseconds(100);
        var tick = app.SendAsync(new RunOdooSyncTickCommand());
        var checks = app.SendAsync(new CheckTenantsDriftCommand(tenantIds));
        await Task.WhenAll(tick, checks);

        Assert.Equal((Tenants, Tenants), ((await tick).Created, await checks));
        Assert.Equal(FewDrainSlotsFixture.DrainSlots, _odoo.MostCallsAtOnce);
    }

    private async Task<List<Guid>> TenantsWithARegisterAsync()
    {
        var tenantIds = new List<Guid>();
        for (var i = 0; i < Tenants; i++)
        {
            var tenant = await app.ConnectedProTenantAsync(_odoo, name: $"Cafe {i}");
            var created = await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" });
            await created.ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
            tenantIds.Add(tenant.Id);
        }

        return tenantIds;
    }
}
