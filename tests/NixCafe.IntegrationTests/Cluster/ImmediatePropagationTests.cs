using System.Net.Http.Headers;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Cluster;

/// <summary>A committed change wakes its tenant's drain at once; the minute tick is only the backstop.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ImmediatePropagationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_rename_reaches_odoo_without_any_tick_and_a_burst_of_renames_becomes_one_push_of_the_last_name()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        var tenant = await cluster.ProTenantAsync("Cafe");
        var register = await cluster.CreateRegisterAsync(tenant);
        // A tick that never fires in this test: only the changes themselves can start drains.
        var host = await cluster.StartHostAsync(new Dictionary<string, string>
        {
            ["NixCafe:OdooSync:Cron"] = "0 0 0 1 1 ? 2099",
            ["NixCafe:OdooSync:ImmediateDrainDelay"] = "00:00:02",
        });
        using var api = new HttpClient { BaseAddress = host.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);

        // The create was made before the host ran and nothing asked for its drain: a rename through the host does.
        (await api.PutAsJsonAsync($"api/cafe/settings/registers/{register}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromSeconds(30));
        var loadsAfterCreate = cluster.Odoo.Calls.Count(call => call.ModelMethod == "load");

        for (var i = 1; i <= 5; i++)
        {
            (await api.PutAsJsonAsync($"api/cafe/settings/registers/{register}/name", new { name = $"Counter {i}" })).EnsureSuccessStatusCode();
        }

        await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromSeconds(30));
        var burstLoads = cluster.Odoo.Calls.Count(call => call.ModelMethod == "load") - loadsAfterCreate;

        Assert.Empty(await cluster.LedgerDiscrepanciesAsync());
        Assert.Contains(cluster.Odoo.PosConfigs, config => config.Name == "Counter 5");
        // Five renames inside one or, at a window's edge, two debounce windows.
        Assert.InRange(burstLoads, 1, 2);
        output.WriteLine($"5 quick renames reached Odoo in {burstLoads} load call(s), with no tick");
    }
}
