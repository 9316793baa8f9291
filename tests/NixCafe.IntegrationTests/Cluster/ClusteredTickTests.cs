using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NixCafe.IntegrationTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Cluster;

/// <summary>The clustered tick alone (no operator drains, no tenant's own drains): who fires it, and who drains what it finds.</summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ClusteredTickTests(ITestOutputHelper output)
{
    private const int HostCount = 3;

    /// <summary>Host settings under which each tick is logged with its fire time and host (<see cref="TickLine"/>).</summary>
    private static readonly IReadOnlyDictionary<string, string> TicksLogged = new Dictionary<string, string> { ["Logging:LogLevel:NixCafe.OdooSync.Features.RunSyncTick"] = "Debug" };

    [Fact]
    public async Task Each_tick_fires_on_one_host_and_the_tenants_it_finds_are_drained_by_several_hosts()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        // 40 tenants, one per tick trigger (seven drain slots make triggers of one): five times the
        // eight triggers a host holds at once. Under the default slots the 40 fit in the eight
        // triggers one host can take before the others next look, and whether they spread is luck.
        var tenants = new List<TestTenant>();
        for (var t = 0; t < 40; t++)
        {
            var tenant = await cluster.ProTenantAsync($"Cafe {t}");
            tenants.Add(tenant);
            await cluster.CreateRegisterAsync(tenant);
            await cluster.CreateRegisterAsync(tenant);
        }

        // Held back until every host has joined, so one tick finds all of them; slow enough that
        // no host could drain them all before the others look for triggers. Leases and call
        // timeouts are not under test here: long enough that a busy machine never times out.
        await cluster.SetAllConnectionsEnabledAsync(false);
        cluster.Odoo.Latency = TimeSpan.FromMilliseconds(200);
        var settings = new Dictionary<string, string>
        {
            ["Logging:LogLevel:NixCafe.OdooSync.Features.RunSyncTick"] = "Debug",
            ["NixCafe:OdooSync:CallTimeout"] = "00:00:10",
            ["NixCafe:OdooSync:ClaimLease"] = "00:00:20",
            ["NixCafe:OdooSync:MaxConcurrentDrains"] = "7",
        };
        var hosts = await Task.WhenAll(Enumerable.Range(0, HostCount).Select(_ => cluster.StartHostAsync(settings)));
        await cluster.SetAllConnectionsEnabledAsync(true);
        var converged = await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(await cluster.LedgerDiscrepanciesAsync());
        var ticks = hosts.SelectMany(host => TickLine().Matches(host.Output).Select(match => (FireTime: match.Groups["fireTime"].Value, Host: match.Groups["host"].Value))).ToList();
        Assert.True(ticks.Count >= 3, $"only {ticks.Count} tick(s) were logged");
        Assert.All(ticks.GroupBy(tick => tick.FireTime), firing => Assert.True(firing.Count() == 1, $"the tick of {firing.Key} fired on {string.Join(", ", firing.Select(tick => tick.Host))}"));
        var tenantsByHost = cluster.Odoo.Calls.Where(call => call.ModelMethod == "load")
            .GroupBy(call => call.Caller ?? "?")
            .ToDictionary(group => group.Key, group => group.Select(call => call.Uid).Distinct().Count());
        Assert.True(tenantsByHost.Count > 1, $"one host drained every tenant: {string.Join(", ", tenantsByHost)}");
        output.WriteLine($"{tenants.Count} tenants synced {converged.TotalSeconds:0.0} s after their connections were enabled; {ticks.Count} ticks, each on one host");
        output.WriteLine($"tenants pushed per host: {string.Join(", ", tenantsByHost.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}"))}");
    }

    [Fact]
    public async Task A_host_that_joins_right_after_a_tick_does_not_fire_that_tick_again()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        var hosts = new List<HostProcess> { await cluster.StartHostAsync(TicksLogged) };
        await WaitForTicksAsync(hosts[0], 2);

        // Every host declares the tick when its scheduler starts; with the tick every second, each
        // joins within a second of a firing, the window in which a declaration that wrote the stored
        // trigger back from a copy read before that firing had it fired again.
        for (var joined = 1; joined < 4; joined++)
        {
            var host = await cluster.StartHostAsync(TicksLogged);
            hosts.Add(host);
            await WaitForTicksAsync(host, 0);
        }

        await Task.Delay(ClusterScenario.Tick * 3);
        var ticks = hosts.SelectMany(host => TickLine().Matches(host.Output).Select(match => (FireTime: match.Groups["fireTime"].Value, Host: match.Groups["host"].Value))).ToList();
        Assert.All(ticks.GroupBy(tick => tick.FireTime), firing => Assert.True(firing.Count() == 1, $"the tick of {firing.Key} fired on {string.Join(", ", firing.Select(tick => tick.Host))}"));
        output.WriteLine($"{ticks.Count} ticks over {hosts.Count} hosts, each fired once");
    }

    [Fact]
    public async Task A_host_that_joins_leaves_the_stored_ticks_as_they_are()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        var first = await cluster.StartHostAsync(TicksLogged);
        await WaitForTicksAsync(first, 2);
        var deletedBefore = await CronTriggerRowsDeletedAsync(cluster);

        // A joining host that writes a cron trigger back (as Quartz declares one: delete, insert)
        // races the hosts firing it: one that fires it between that host's read and its write has
        // the firing it just did fired again. Firing a cron trigger updates its rows, never deletes.
        var second = await cluster.StartHostAsync(TicksLogged);
        await WaitForTicksAsync(second, 0);
        await WaitForTicksAsync(first, TickLine().Matches(first.Output).Count + 2);

        Assert.Equal(deletedBefore, await CronTriggerRowsDeletedAsync(cluster));
    }

    [Fact]
    public async Task A_host_started_with_another_tick_schedule_replaces_the_stored_one_from_then_on()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        var everySecond = await cluster.StartHostAsync(TicksLogged);
        await WaitForTicksAsync(everySecond, 2);
        await everySecond.KillAsync();

        var everyThirdSecond = await cluster.StartHostAsync(new Dictionary<string, string>(TicksLogged) { ["NixCafe:OdooSync:Cron"] = "0/3 * * * * ?" });
        await WaitForTicksAsync(everyThirdSecond, 3);

        var fireTimes = TickLine().Matches(everyThirdSecond.Output).Select(match => DateTimeOffset.Parse(match.Groups["fireTime"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.All(fireTimes, fireTime => Assert.True(fireTime.Second % 3 == 0, $"the tick fired at {fireTime:HH:mm:ss}, off the new schedule"));
        output.WriteLine($"ticks on the new schedule: {string.Join(", ", fireTimes.Select(fireTime => fireTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public async Task A_tick_left_in_error_fires_again_once_a_host_starts()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        var first = await cluster.StartHostAsync(TicksLogged);
        await WaitForTicksAsync(first, 1);
        await first.KillAsync();

        await ParkTickInErrorAsync(cluster);

        var restarted = await cluster.StartHostAsync(TicksLogged);
        await WaitForTicksAsync(restarted, 2);
    }

    [Fact]
    public async Task A_tick_left_in_error_makes_the_scheduler_check_degraded()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        // A tick due in 2099: no firing of this running host writes its own state over the ERROR.
        var host = await cluster.StartHostAsync(new Dictionary<string, string> { ["NixCafe:OdooSync:Cron"] = "0 0 0 1 1 ? 2099" });
        Assert.Equal("Healthy", (await SchedulerCheckAsync(host)).Status);

        await ParkTickInErrorAsync(cluster);

        // The check reads the trigger's state from the database on every call: the next one says so.
        var check = await SchedulerCheckAsync(host);
        Assert.Equal("Degraded", check.Status);
        Assert.Contains("ERROR state", check.Description, StringComparison.Ordinal);
        Assert.Contains("the sync tick", check.Description, StringComparison.Ordinal);
    }

    /// <summary>
    /// Parks the tick as Quartz does when it cannot load the trigger's job (a job type renamed
    /// without its rows): it never fires again until someone resets it.
    /// </summary>
    private static async Task ParkTickInErrorAsync(ClusterScenario cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE quartz.qrtz_triggers SET trigger_state = 'ERROR' WHERE trigger_name = 'drain-odoo-sync-queues-tick'", connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<(string Status, string Description)> SchedulerCheckAsync(HostProcess host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        using var health = JsonDocument.Parse(await http.GetStringAsync("health"));
        var scheduler = health.RootElement.GetProperty("checks").GetProperty("odoo-sync-scheduler");
        return (scheduler.GetProperty("status").GetString()!, scheduler.GetProperty("description").GetString()!);
    }

    /// <summary>Cron trigger rows deleted in the cluster's database (PostgreSQL's statistics, which each host reports at least every second it is busy).</summary>
    private static async Task<long> CronTriggerRowsDeletedAsync(ClusterScenario cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT n_tup_del FROM pg_stat_user_tables WHERE schemaname = 'quartz' AND relname = 'qrtz_cron_triggers'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the host's scheduler runs (its health check says so) and it logged <paramref name="count"/> ticks.</summary>
    private static async Task WaitForTicksAsync(HostProcess host, int count)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var health = JsonDocument.Parse(await http.GetStringAsync("health"));
            var scheduler = health.RootElement.GetProperty("checks").GetProperty("odoo-sync-scheduler").GetProperty("status").GetString();
            if (scheduler == "Healthy" && TickLine().Matches(host.Output).Count >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the scheduler is {scheduler} and {TickLine().Matches(host.Output).Count} of {count} ticks were logged:\n{host.Output}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"Odoo sync tick of (?<fireTime>\S+) on (?<host>\S+):")]
    private static partial Regex TickLine();
}
