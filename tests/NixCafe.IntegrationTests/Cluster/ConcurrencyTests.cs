using System.Diagnostics;
using System.Net.Http.Headers;
using NixCafe.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Cluster;

/// <summary>Four host processes on one database and one fake Odoo, with renames arriving while they drain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Four_hosts_push_every_register_once_lose_no_rename_and_never_push_one_row_twice_at_once()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        var tenants = new List<TestTenant>();
        var registers = new List<(TestTenant Tenant, Guid Id)>();
        for (var t = 0; t < 20; t++)
        {
            var tenant = await cluster.ProTenantAsync($"Cafe {t}");
            tenants.Add(tenant);
            for (var r = 0; r < 10; r++)
            {
                registers.Add((tenant, await cluster.CreateRegisterAsync(tenant)));
            }
        }

        // Slow enough that drains overlap in time and renames land mid-flight. Call timeouts and
        // leases are not under test here: four hosts starting on two busy cores push 200 creates at
        // once, and with the scenario's 2 s some calls timed out in loaded runs, each register then
        // waiting its one-minute retry (40-60 s of the run, and a failure when that wait ends past
        // the 60 s below); as in ClusteredTickTests, long enough that a busy machine never times out.
        cluster.Odoo.Latency = TimeSpan.FromMilliseconds(20);
        var settings = new Dictionary<string, string>
        {
            ["NixCafe:OdooSync:CallTimeout"] = "00:00:10",
            ["NixCafe:OdooSync:ClaimLease"] = "00:00:20",
        };
        var startingHosts = Stopwatch.StartNew();
        var hosts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cluster.StartHostAsync(settings)));
        var hostsStarted = startingHosts.Elapsed;

        // Besides the clustered tick, every host is also told to drain everything at once, again
        // and again: drains of one tenant then really run side by side, and only the claims
        // keep them apart.
        using var stop = new CancellationTokenSource();
        var operatorDrains = hosts.Select(host => DrainRepeatedlyAsync(host, stop.Token)).ToList();
        var random = new Random(20261121);
        var renameTimes = new List<TimeSpan>();
        for (var i = 0; i < 100; i++)
        {
            var (tenant, id) = registers[random.Next(registers.Count)];
            var renaming = Stopwatch.StartNew();
            await cluster.RenameAsync(tenant, id);
            renameTimes.Add(renaming.Elapsed);
            await Task.Delay(random.Next(0, 40));
        }

        var converged = await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(operatorDrains);

        Assert.Empty(await cluster.LedgerDiscrepanciesAsync());
        Assert.Empty(cluster.Odoo.Overlaps);
        var pushes = cluster.Odoo.Calls.Where(call => call.ModelMethod is "load" or "write").ToList();
        var byHost = pushes.GroupBy(call => call.Caller).ToDictionary(group => group.Key ?? "?", group => group.Count());
        Assert.True(byHost.Count > 1, "the pushes did not spread over the hosts: " + string.Join(", ", byHost));
        output.WriteLine($"200 registers of 20 tenants, 100 renames during the run: synced {converged.TotalSeconds:0.0} s after the last rename, 0 duplicates, 0 lost renames, 0 overlapping pushes");
        // Where the test's time goes, for a run that took long: the hosts' start-up and the renames are most of it.
        renameTimes.Sort();
        output.WriteLine($"four hosts healthy after {hostsStarted.TotalSeconds:0.0} s; renames p50 {renameTimes[49].TotalMilliseconds:0} ms, p95 {renameTimes[94].TotalMilliseconds:0} ms");
        output.WriteLine($"pushes (load/write calls) per host: {string.Join(", ", byHost.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}"))}");
    }

    private static async Task DrainRepeatedlyAsync(HostProcess host, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CafeAppFixture.OperatorKey);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                (await client.PostAsync("api/cafe/cron/odoo-sync", null, stop)).EnsureSuccessStatusCode();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
