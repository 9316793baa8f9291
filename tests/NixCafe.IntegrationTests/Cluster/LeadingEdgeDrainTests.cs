using System.Net.Http.Headers;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Cluster;

/// <summary>
/// A change after a quiet window drains at once (the leading edge); a burst of changes makes that
/// drain and one more at the end of the window, carrying the latest state.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LeadingEdgeDrainTests(ITestOutputHelper output)
{
    /// <summary>A tick that never fires in these tests: only the changes themselves start drains.</summary>
    private const string Never = "0 0 0 1 1 ? 2099";

    [Fact]
    public async Task A_change_drains_at_once_when_its_tenant_has_no_drain_in_flight_without_waiting_for_its_window()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        var tenant = await cluster.ProTenantAsync("Cafe");
        var register = await cluster.CreateRegisterAsync(tenant);
        // A window of ten minutes: a drain that waited for it would not come within the test's wait.
        var host = await cluster.StartHostAsync(new Dictionary<string, string>
        {
            ["NixCafe:OdooSync:Cron"] = Never,
            ["NixCafe:OdooSync:ImmediateDrainDelay"] = "00:10:00",
        });
        using var api = Api(host, tenant);

        (await api.PutAsJsonAsync($"api/cafe/settings/registers/{register}/name", new { name = "Counter" })).EnsureSuccessStatusCode();

        await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(1));
        Assert.Contains(cluster.Odoo.PosConfigs, config => config.Name == "Counter");
        Assert.Empty(await cluster.LedgerDiscrepanciesAsync());
    }

    [Fact]
    public async Task A_burst_of_edits_after_a_quiet_window_becomes_two_pushes_the_last_carrying_the_latest_name()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        var tenant = await cluster.ProTenantAsync("Cafe");
        var register = await cluster.CreateRegisterAsync(tenant);
        var window = TimeSpan.FromSeconds(5);
        var host = await cluster.StartHostAsync(new Dictionary<string, string>
        {
            ["NixCafe:OdooSync:Cron"] = Never,
            ["NixCafe:OdooSync:ImmediateDrainDelay"] = window.ToString(),
        });
        using var api = Api(host, tenant);
        (await api.PutAsJsonAsync($"api/cafe/settings/registers/{register}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(1));
        // Two whole windows without a change: the next one is the first after a quiet window.
        await Task.Delay(window * 2);
        cluster.Odoo.Latency = TimeSpan.FromMilliseconds(300);
        var callsBefore = cluster.Odoo.Calls.Count;

        for (var i = 1; i <= 6; i++)
        {
            (await api.PutAsJsonAsync($"api/cafe/settings/registers/{register}/name", new { name = $"Counter {i}" })).EnsureSuccessStatusCode();
        }

        await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(1));
        var pushes = cluster.Odoo.Calls.Skip(callsBefore).Where(call => call.ModelMethod == "load").ToList();

        output.WriteLine($"6 quick renames after a quiet window reached Odoo in {pushes.Count} load(s): {string.Join(" | ", pushes.Select(push => push.LoadRows!.ToJsonString()))}");
        Assert.InRange(pushes.Count, 1, 2);
        Assert.Contains("\"Counter 6\"", pushes[^1].LoadRows!.ToJsonString());
        Assert.Contains(cluster.Odoo.PosConfigs, config => config.Name == "Counter 6");
        Assert.Empty(await cluster.LedgerDiscrepanciesAsync());
    }

    private static HttpClient Api(HostProcess host, TestTenant tenant)
    {
        var api = new HttpClient { BaseAddress = host.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);
        return api;
    }
}
