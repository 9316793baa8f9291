using System.Globalization;
using System.Text.RegularExpressions;
using NixCafe.IntegrationTests.Support;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Cluster;

/// <summary>
/// The drift checks' clustered schedule (<c>DispatchDriftChecksJob</c>, then <c>CheckTenantsDriftJob</c>
/// triggers): several hosts on one database, and each tenant's check runs once per firing, not once per host.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ClusteredDriftCheckTests(ITestOutputHelper output)
{
    private const int HostCount = 3;

    private const int TenantCount = 20;

    [Fact]
    public async Task Each_drift_firing_runs_on_one_host_and_checks_every_tenant_once_not_once_per_host()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        for (var t = 0; t < TenantCount; t++)
        {
            await cluster.CreateRegisterAsync(await cluster.ProTenantAsync($"Cafe {t}"));
        }

        var settings = new Dictionary<string, string>
        {
            ["Logging:LogLevel:NixCafe.OdooSync.Features.ReconcileDrift"] = "Information",
            ["NixCafe:OdooSync:DriftCheckCron"] = "0/15 * * * * ?",
            // The scenario's one-second check-ins let a host two seconds late on a loaded machine be
            // taken for dead (OdooSyncModule sets Quartz's misfire threshold to the interval), and its
            // running checks run again on another host: a failover, which this test does not measure
            // (no host dies here).
            ["NixCafe:OdooSync:ClusterCheckinInterval"] = "00:00:05",
        };
        var hosts = await Task.WhenAll(Enumerable.Range(0, HostCount).Select(_ => cluster.StartHostAsync(settings)));
        await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromSeconds(60));
        // The firings counted are those after the hosts started and pushed their registers: one that
        // fired while they did (late, as a starting scheduler fires it) had its checks beside the
        // first creates, which is not what this test measures.
        var settled = DateTimeOffset.UtcNow;

        // Three firings logged since: the first two are over (each is checked before the next begins).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<(DateTimeOffset FireTime, string Host)> firings;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            firings = hosts.SelectMany(host => DispatchLine().Matches(host.Output)
                .Select(match => (DateTimeOffset.Parse(match.Groups["fireTime"].Value, CultureInfo.InvariantCulture), match.Groups["host"].Value))).ToList();
        }
        while (firings.Select(firing => firing.FireTime).Where(fireTime => fireTime > settled).Distinct().Count() < 3 && DateTime.UtcNow < deadline);

        var fireTimes = firings.Select(firing => firing.FireTime).Where(fireTime => fireTime > settled).Distinct().Order().ToList();
        Assert.True(fireTimes.Count >= 3, $"only {fireTimes.Count} drift firing(s) were logged after the hosts settled");
        Assert.All(firings.GroupBy(firing => firing.FireTime), firing => Assert.True(firing.Count() == 1, $"the drift checks of {firing.Key:O} were dispatched on {string.Join(", ", firing.Select(f => f.Host))}"));

        // A check's last read asks for the records beyond the registers' ids: one such call is one check of the tenant whose user made it.
        var checks = cluster.Odoo.Calls.Where(call => call is { Model: "pos.config", ModelMethod: "search_read" } && call.Arguments.ToJsonString().Contains("\"not in\"", StringComparison.Ordinal)).ToList();
        // What a failure shows: each firing's dispatch, then each check as when, by which host, of which
        // tenant's user; and any host Quartz took for dead while it ran (its running jobs then ran again).
        var timeline = string.Join('\n', firings.Select(firing => $"{firing.FireTime:HH:mm:ss.fff} dispatched on {firing.Host}")
            .Concat(checks.Select(call => $"{call.At:HH:mm:ss.fff} checked uid {call.Uid} by {call.Caller}")).Order(StringComparer.Ordinal)
            .Concat(hosts.Where(host => host.WasTakenForDead).Select(host => $"{host.Name} was taken for dead by its peers")));
        foreach (var (start, end) in fireTimes.Zip(fireTimes.Skip(1)).Take(fireTimes.Count - 1))
        {
            var inFiring = checks.Where(call => call.At >= start && call.At < end).ToList();
            var perTenant = inFiring.GroupBy(call => call.Uid).ToDictionary(group => group.Key ?? -1, group => group.Count());
            Assert.True(perTenant.Count == TenantCount, $"the firing of {start:O} checked {perTenant.Count} of {TenantCount} tenants\n{timeline}");
            var notOnce = perTenant.Where(tenant => tenant.Value != 1).Select(tenant => $"the tenant of uid {tenant.Key} {tenant.Value} times").ToList();
            Assert.True(notOnce.Count == 0, $"the firing of {start:O} checked {string.Join(", ", notOnce)}\n{timeline}");
            output.WriteLine($"firing {start:O}: {TenantCount} tenants checked once each, by {string.Join(", ", inFiring.GroupBy(call => call.Caller).Select(group => $"{group.Key}={group.Count()}"))}");
        }
    }

    [GeneratedRegex(@"Drift checks of (?<fireTime>\S+) on (?<host>\S+):")]
    private static partial Regex DispatchLine();
}
