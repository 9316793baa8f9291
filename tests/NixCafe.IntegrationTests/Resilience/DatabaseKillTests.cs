using System.Globalization;
using System.Text.RegularExpressions;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// PostgreSQL's postmaster SIGKILLed at each step of a push, under the real host executable: each
/// step is pinned from outside the host (a table lock the claim waits on, a reply the fake Odoo
/// holds after doing the call, a row lock the outcome waits on), as in <see cref="CrashTests"/>
/// for a killed host. Once the server is back on the same port the push finishes by itself: one
/// pos.config per register, NixCafe and Odoo agree, no retry spent for the database's fault, and
/// the clustered tick keeps firing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class DatabaseKillTests(ITestOutputHelper output)
{
    public enum KillStep
    {
        /// <summary>The claim statement is running: it waits on a table lock the harness holds.</summary>
        DuringClaim,

        /// <summary>Odoo has done the call; the reply is let go once PostgreSQL is dead, so the outcome cannot be recorded.</summary>
        AfterOdooBeforeOutcome,

        /// <summary>The outcome statement is running: it waits on the harness's lock on the pushed rows.</summary>
        DuringOutcome,
    }

    public enum Change
    {
        Create,
        Rename,
    }

    /// <summary>A fragment only the statement that records a push's success contains (as in <see cref="CrashTests"/>).</summary>
    private const string OutcomeStatement = "SET odoo_pos_config_id = pushed.odoo_id";

    /// <summary>A fragment of the claim statement.</summary>
    private const string ClaimStatement = "FOR UPDATE SKIP LOCKED";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long PostgreSQL stays dead: several ticks and longer than the claim lease, so the host meets the outage everywhere.</summary>
    private static readonly TimeSpan Outage = ClusterScenario.Lease + TimeSpan.FromSeconds(1);

    /// <summary>
    /// The claim lease (a claim that committed before the kill holds the rows until it runs out),
    /// a tick, and room for the host's reconnection and the push on two busy cores. A retry spent
    /// would wait a minute (<c>RetrySchedule</c>), far past this.
    /// </summary>
    private static readonly TimeSpan Recovery = ClusterScenario.Lease + ClusterScenario.Tick + TimeSpan.FromSeconds(20);

    /// <summary>
    /// The tick is due every second and the scheduler checks in every second: once the database is
    /// back, the next tick fires within a few seconds (room for two busy cores), not after a long
    /// pause of the scheduler.
    /// </summary>
    private static readonly TimeSpan TickResumesWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Killing_PostgreSQL_at_each_step_of_a_push_loses_nothing_spends_no_retry_and_keeps_the_schedule_firing()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        await using var cluster = await ClusterScenario.StartOnAsync(postgres.Admin, 16, 19);
        var tenants = new List<TestTenant>();
        for (var i = 0; i < 2; i++)
        {
            var tenant = await cluster.ProTenantAsync($"Kill Cafe {i}");
            tenants.Add(tenant);
            await cluster.CreateRegisterAsync(tenant);
            await cluster.CreateRegisterAsync(tenant);
        }

        var host = await cluster.StartHostAsync(new Dictionary<string, string> { ["Logging:LogLevel:NixCafe.OdooSync.Features.RunSyncTick"] = "Debug" });
        await cluster.WaitUntilAllSyncedAsync(StepTimeout);

        var kill = 0;
        foreach (var step in Enum.GetValues<KillStep>())
        {
            foreach (var change in Enum.GetValues<Change>())
            {
                var tenant = tenants[kill++ % tenants.Count];
                await KillAtAsync(postgres, cluster, host, step, tenant, change);
                await Task.Delay(Outage);
                Assert.False(host.HasExited, $"The host exited while PostgreSQL was dead:\n{host.Output}");

                await postgres.StartAgainAsync();
                var back = DateTimeOffset.UtcNow;
                // The test's own pooled connections died with the server.
                NpgsqlConnection.ClearAllPools();
                var recovered = await WaitUntilSyncedWithoutRetriesAsync(cluster, tenant, $"{step} {change}");
                var tick = await WaitForTickAfterAsync(host, back);
                output.WriteLine($"{step,-24} {change,-7} synced {recovered.TotalSeconds:0.0} s after PostgreSQL was back; first tick {(tick - back).TotalSeconds:0.0} s after it");
                Assert.True(tick - back < TickResumesWithin, $"{step} {change}: the first tick after PostgreSQL was back fired {(tick - back).TotalSeconds:0.0} s after it:\n{host.Output}");
                await UntilTheAdminServesAsync(tenant);
            }
        }

        Assert.Empty(await cluster.LedgerDiscrepanciesAsync());
        await AssertNoTriggerStuckAsync(cluster);
        Assert.False(host.HasExited, host.Output);
    }

    /// <summary>
    /// Waits until the tenant has nothing to push, makes the change, holds the host's push of it at
    /// <paramref name="step"/>, and SIGKILLs PostgreSQL's postmaster there.
    /// </summary>
    private static async Task KillAtAsync(OwnPostgres postgres, ClusterScenario cluster, HostProcess host, KillStep step, TestTenant tenant, Change change)
    {
        await cluster.WaitUntilAllSyncedAsync(StepTimeout);
        // Pooling off: this connection dies with the server and must not go back to a pool.
        await using var harness = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false }.ConnectionString);
        await harness.OpenAsync();
        // Its locks last until the kill ends the transaction, as it ends every other.
        await ExecuteAsync(harness, "BEGIN");
        switch (step)
        {
            case KillStep.DuringClaim:
                // The lock would block the change itself: keep the tenant's drains off until the
                // lock is held, then let them claim into it.
                await cluster.SetConnectionEnabledAsync(tenant, false);
                await cluster.WaitUntilNoDrainRunsAsync(tenant);
                await ChangeAsync(cluster, tenant, change);
                await ExecuteAsync(harness, "LOCK TABLE cafe.pos_configs IN SHARE MODE");
                await cluster.SetConnectionEnabledAsync(tenant, true);
                await WaitForLockWaitAsync(cluster, host, ClaimStatement);
                await postgres.KillAsync();
                break;
            default:
                var release = new TaskCompletionSource();
                var reply = new FakeOdooFault.HoldReply(release.Task);
                // Creates and edits all go by load; a create's last load is the config itself, whose outcome follows it.
                cluster.OdooOf(tenant).FailNext(1, reply, "load", cluster.OdooUidOf(tenant), "pos.config");
                await ChangeAsync(cluster, tenant, change);
                Assert.Equal(host.Name, await reply.Applied.Task.WaitAsync(StepTimeout));
                if (step == KillStep.AfterOdooBeforeOutcome)
                {
                    await postgres.KillAsync();
                    release.SetResult();
                    await reply.Replied.Task.WaitAsync(StepTimeout);
                    break;
                }

                await ExecuteAsync(harness, $"SELECT id FROM cafe.pos_configs WHERE tenant_id = '{tenant.Id}' AND claim_token IS NOT NULL FOR UPDATE");
                release.SetResult();
                await reply.Replied.Task.WaitAsync(StepTimeout);
                await WaitForLockWaitAsync(cluster, host, OutcomeStatement);
                await postgres.KillAsync();
                break;
        }
    }

    private static async Task ChangeAsync(ClusterScenario cluster, TestTenant tenant, Change change)
    {
        if (change == Change.Create)
        {
            await cluster.CreateRegisterAsync(tenant);
        }
        else
        {
            await cluster.RenameAsync(tenant, (await cluster.SyncedRegisterAsync(tenant)).Id);
        }
    }

    /// <summary>
    /// Waits until every register is synced, watching the retries all along: a push failure
    /// recorded for the database's fault would show as a retry and a next attempt a minute away.
    /// </summary>
    private static async Task<TimeSpan> WaitUntilSyncedWithoutRetriesAsync(ClusterScenario cluster, TestTenant tenant, string what)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var rows = await TestPostgres.QueryAsync(cluster.ConnectionString,
                "SELECT name, sync_state, claim_token IS NOT NULL AS claimed, odoo_sync_retries, odoo_next_attempt_at, sync_error_message FROM cafe.pos_configs");
            var spent = rows.Where(row => (int)row["odoo_sync_retries"]! > 0 || row["odoo_next_attempt_at"] is not null and not DBNull).ToList();
            Assert.True(spent.Count == 0, $"{what}: a retry was spent for the database's fault: "
                                          + string.Join("; ", spent.Select(row => string.Join(", ", row.Select(cell => $"{cell.Key}={cell.Value}")))));
            if (rows.All(row => (string)row["sync_state"]! == "synced" && !(bool)row["claimed"]!))
            {
                return DateTime.UtcNow - started;
            }

            Assert.True(DateTime.UtcNow - started < Recovery, $"{what}: not synced {Recovery.TotalSeconds:0} s after PostgreSQL was back: "
                                                             + string.Join("; ", rows.Select(row => string.Join(", ", row.Select(cell => $"{cell.Key}={cell.Value}"))))
                                                             + $"\n--- host ---\n{cluster.Hosts[0].Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the host logs a tick scheduled after <paramref name="back"/>: the schedule fires again after the outage.</summary>
    private static async Task<DateTimeOffset> WaitForTickAfterAsync(HostProcess host, DateTimeOffset back)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (true)
        {
            var ticks = TickLine().Matches(host.Output).Select(match => DateTimeOffset.Parse(match.Groups["fireTime"].Value, CultureInfo.InvariantCulture));
            if (ticks.Where(tick => tick > back).Select(tick => (DateTimeOffset?)tick).FirstOrDefault() is { } after)
            {
                return after;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No tick after PostgreSQL was back at {back:O}:\n{host.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The in-process admin host's pool still holds connections the kill broke; each request that
    /// meets one answers 503 (as the product promises) and drops it. The next change must not meet one.
    /// </summary>
    private static async Task UntilTheAdminServesAsync(TestTenant tenant)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (!(await tenant.Client.GetAsync("/api/cafe/settings/registers")).IsSuccessStatusCode)
        {
            Assert.True(DateTime.UtcNow < deadline, "The admin host did not serve again");
            await Task.Delay(100);
        }
    }

    /// <summary>No trigger is left in ERROR or BLOCKED (a BLOCKED one is let go when its job ends: it may take a moment), and the tick's trigger is there.</summary>
    private static async Task AssertNoTriggerStuckAsync(ClusterScenario cluster)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (true)
        {
            var stuck = await TestPostgres.QueryAsync(cluster.ConnectionString,
                "SELECT trigger_name, job_name, trigger_state FROM quartz.qrtz_triggers WHERE trigger_state IN ('ERROR', 'BLOCKED', 'PAUSED_BLOCKED')");
            if (stuck.Count == 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "Triggers stuck: " + string.Join("; ", stuck.Select(row => string.Join(", ", row.Values))));
            await Task.Delay(200);
        }

        Assert.True(await TestPostgres.ScalarAsync<long>(cluster.ConnectionString, "SELECT count(*) FROM quartz.qrtz_triggers WHERE trigger_type = 'CRON'") > 0,
            "The tick's trigger is gone");
    }

    /// <summary>Waits until the host's session is blocked on a lock running a statement that contains <paramref name="statement"/>.</summary>
    private static async Task WaitForLockWaitAsync(ClusterScenario cluster, HostProcess host, string statement)
    {
        // Its own connection: inside the harness's transaction pg_stat_activity would be a frozen snapshot.
        await using var watcher = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false }.ConnectionString);
        await watcher.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @host AND wait_event_type = 'Lock' AND strpos(query, @statement) > 0", watcher);
        command.Parameters.AddWithValue("host", $"nixcafe {host.Name}");
        command.Parameters.AddWithValue("statement", statement);
        var deadline = DateTime.UtcNow + StepTimeout;
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The host never blocked on '{statement}':\n{host.Output}");
            await Task.Delay(20);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"Odoo sync tick of (?<fireTime>\S+) on (?<host>\S+):")]
    private static partial Regex TickLine();
}
