using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Cluster;

/// <summary>
/// Kills the host with SIGKILL at every step of a push, over and over, then lets a fresh host
/// finish and checks the ledger. Each kill is placed by holding the exact step from outside the
/// host: a table lock the claim must wait for, a call the fake Odoo holds before or after doing
/// it, a row lock the outcome must wait for. Nothing in the host knows it is being tested.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output)
{
    public enum KillStep
    {
        /// <summary>The claim statement is running: it waits on a table lock the harness holds.</summary>
        BeforeClaimCommits,

        /// <summary>The claim is committed and the call reached Odoo, which has not done it yet.</summary>
        AfterClaimCommits,

        /// <summary>Odoo has done the call; its reply has not left.</summary>
        AfterOdooAppliedBeforeReply,

        /// <summary>The reply was sent; the outcome cannot be recorded (the harness locks the rows).</summary>
        AfterReplyBeforeOutcome,

        /// <summary>The outcome statement is running: it waits on the harness's row lock.</summary>
        DuringOutcome,
    }

    public enum Change
    {
        Create,
        Rename,
        ActiveFlip,
    }

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_the_host_at_every_step_of_a_push_never_duplicates_loses_or_strands_a_register()
    {
        var killPoints = int.TryParse(Environment.GetEnvironmentVariable("NIXCAFE_CRASH_KILL_POINTS"), out var configured) ? configured : 100;
        await using var cluster = await ClusterScenario.StartAsync();
        var tenants = new List<TestTenant>();
        for (var i = 0; i < 4; i++)
        {
            var tenant = await cluster.ProTenantAsync($"Cafe {i}");
            tenants.Add(tenant);
            for (var r = 0; r < 3; r++)
            {
                await cluster.CreateRegisterAsync(tenant);
            }
        }

        // Two hosts share the work; a clean first push gives renames and (de)activations registers Odoo knows.
        await Task.WhenAll(cluster.StartHostAsync(), cluster.StartHostAsync());
        await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromSeconds(30));

        var kills = new Dictionary<(KillStep, Change), int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var restarts = new List<Task<HostProcess>>();
        for (var i = 0; i < killPoints; i++)
        {
            if (cluster.LiveHosts.Count == 0)
            {
                // Both hosts died (a restarting one can be the next victim): start one to work on.
                await cluster.StartHostAsync();
            }

            var step = (KillStep)(i % 5);
            var (change, victim) = await KillAtAsync(cluster, step, tenants[i % tenants.Count], (Change)(i / 5 % 3));
            kills[(step, change)] = kills.GetValueOrDefault((step, change)) + 1;
            // The killed host comes back, as a supervisor would restart it, while the other works on.
            restarts.Add(cluster.StartHostAsync());
            Assert.True(victim.HasExited);
        }

        await Task.WhenAll(restarts);
        if (cluster.LiveHosts.Count == 0)
        {
            await cluster.StartHostAsync();
        }

        var killed = clock.Elapsed;
        var converged = await cluster.WaitUntilAllSyncedAsync(ClusterScenario.Lease + ClusterScenario.Tick + TimeSpan.FromSeconds(20));

        Assert.Empty(await cluster.LedgerDiscrepanciesAsync());
        Assert.NotEmpty(cluster.LiveHosts);
        output.WriteLine($"{killPoints} SIGKILLs in {killed.TotalSeconds:0} s; every register synced {converged.TotalSeconds:0.0} s after the last restart (lease {ClusterScenario.Lease.TotalSeconds:0} s, tick {ClusterScenario.Tick.TotalSeconds:0} s)");
        foreach (var ((step, change), count) in kills.OrderBy(kill => kill.Key))
        {
            output.WriteLine($"  {step,-28} {change,-10} {count,3} kill(s)");
        }
    }

    /// <summary>Makes the change through the tenant API; a register Odoo does not know yet is created instead.</summary>
    private static async Task<Change> ChangeAsync(ClusterScenario cluster, TestTenant tenant, Change change)
    {
        if (change != Change.Create && await cluster.SyncedRegisterAsync(tenant) is { } register)
        {
            if (change == Change.Rename)
            {
                await cluster.RenameAsync(tenant, register.Id);
            }
            else
            {
                await cluster.ToggleActiveAsync(tenant, register.Id, register.Active);
            }

            return change;
        }

        await cluster.CreateRegisterAsync(tenant);
        return Change.Create;
    }

    /// <summary>
    /// Makes a change, holds whichever live host pushes next at <paramref name="step"/>, and
    /// SIGKILLs it there. The trap is set before the change, so the change cannot slip past it.
    /// </summary>
    private static async Task<(Change Change, HostProcess Victim)> KillAtAsync(ClusterScenario cluster, KillStep step, TestTenant tenant, Change wanted)
    {
        await using var harness = new NpgsqlConnection(cluster.ConnectionString);
        await harness.OpenAsync();
        await using var hold = await harness.BeginTransactionAsync();
        Change change;
        HostProcess victim;
        switch (step)
        {
            case KillStep.BeforeClaimCommits:
                // The table lock would block the change itself: keep the tenant's drains off
                // until the lock is held, then let them claim into it.
                await cluster.SetConnectionEnabledAsync(tenant, false);
                await cluster.WaitUntilNoDrainRunsAsync(tenant);
                change = await ChangeAsync(cluster, tenant, wanted);
                await ExecuteAsync(harness, "LOCK TABLE cafe.pos_configs IN SHARE MODE");
                await cluster.SetConnectionEnabledAsync(tenant, true);
                victim = await WaitForLockWaitAsync(cluster, "FOR UPDATE SKIP LOCKED");
                break;
            case KillStep.AfterClaimCommits:
                var held = new FakeOdooFault.Hold(new TaskCompletionSource().Task);
                change = await ArmThenChangeAsync(cluster, tenant, wanted, held);
                victim = cluster.HostNamed(await held.Reached.Task.WaitAsync(StepTimeout));
                break;
            default:
                var release = new TaskCompletionSource();
                var reply = new FakeOdooFault.HoldReply(release.Task);
                change = await ArmThenChangeAsync(cluster, tenant, wanted, reply);
                victim = cluster.HostNamed(await reply.Applied.Task.WaitAsync(StepTimeout));
                if (step == KillStep.AfterOdooAppliedBeforeReply)
                {
                    break;
                }

                await ExecuteAsync(harness, $"SELECT id FROM cafe.pos_configs WHERE claimed_by = '{victim.Name}' FOR UPDATE");
                release.SetResult();
                await reply.Replied.Task.WaitAsync(StepTimeout);
                if (step == KillStep.DuringOutcome)
                {
                    Assert.Same(victim, await WaitForLockWaitAsync(cluster, "UPDATE cafe.pos_configs"));
                }

                break;
        }

        await victim.KillAsync();
        await hold.RollbackAsync();
        return (change, victim);
    }

    /// <summary>Arms the fault for the next push (creates and edits both go by load), then makes the change.</summary>
    private static async Task<Change> ArmThenChangeAsync(ClusterScenario cluster, TestTenant tenant, Change wanted, FakeOdooFault fault)
    {
        cluster.Odoo.FailNext(1, fault, "load");
        return await ChangeAsync(cluster, tenant, wanted);
    }

    /// <summary>Waits until a host's session is blocked on a lock running a statement that contains <paramref name="statement"/>; returns that host.</summary>
    private static async Task<HostProcess> WaitForLockWaitAsync(ClusterScenario cluster, string statement)
    {
        // Its own connection: inside the harness's transaction pg_stat_activity would be a frozen snapshot.
        await using var watcher = new NpgsqlConnection(cluster.ConnectionString);
        await watcher.OpenAsync();
        var deadline = DateTime.UtcNow + StepTimeout;
        await using var command = new NpgsqlCommand(
            "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE 'nixcafe %' AND wait_event_type = 'Lock' AND strpos(query, @statement) > 0 LIMIT 1", watcher);
        command.Parameters.AddWithValue("statement", statement);
        string? applicationName;
        while ((applicationName = await command.ExecuteScalarAsync() as string) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No host blocked on '{statement}':\n{string.Join("\n---\n", cluster.Hosts.Select(host => host.Output))}");
            }

            await Task.Delay(20);
        }

        return cluster.HostNamed(applicationName["nixcafe ".Length..]);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Cluster tests start host processes: run them one class at a time so they do not starve each other of CPU.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
