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

        /// <summary>
        /// The outcome statement is running: it waits on the harness's row lock. After a cash
        /// journal or method, the statement that waits is the lease renewal before the next load.
        /// </summary>
        DuringOutcome,
    }

    public enum Change
    {
        Create,
        Rename,
        ActiveFlip,
    }

    /// <summary>The three loads of a create, each held in turn: a cash journal, its cash method, the config.</summary>
    private static readonly string[] CreateSteps = ["account.journal", "pos.payment.method", "pos.config"];

    /// <summary>Four rounds of the fifteen step × change pairs: each pair meets both Odoo versions twice.</summary>
    private const int KillPoints = 60;

    /// <summary>A fragment only the statement that records a push's success contains.</summary>
    private const string OutcomeStatement = "SET odoo_pos_config_id = pushed.odoo_id";

    /// <summary>A fragment only the statement that renews a drain's leases before its next Odoo call contains.</summary>
    private const string LeaseRenewal = "SET claimed_until = clock_timestamp()";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Room on top of the lease and the tick for the work itself on two busy cores (the killed
    /// hosts restart meanwhile): Quartz handing the tick to a host, and the drains.
    /// </summary>
    private static readonly TimeSpan ConvergenceSlack = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Killing_the_host_at_every_step_of_a_push_never_duplicates_loses_or_strands_a_register()
    {
        // Tenants take turns between an Odoo 16 (/jsonrpc) and an Odoo 19 (/json/2, one cash method per config).
        await using var cluster = await ClusterScenario.StartAsync(16, 19);
        var tenants = new List<TestTenant>();
        for (var i = 0; i < 8; i++)
        {
            var tenant = await cluster.ProTenantAsync($"Cafe {i}");
            tenants.Add(tenant);
            for (var r = 0; r < 3; r++)
            {
                await cluster.CreateRegisterAsync(tenant);
            }
        }

        // Two hosts share the work; a clean first push gives renames and (de)activations registers Odoo knows.
        var serving = (await Task.WhenAll(cluster.StartHostAsync(), cluster.StartHostAsync())).ToList();
        await cluster.WaitUntilAllSyncedAsync(TimeSpan.FromSeconds(30));

        var kills = new Dictionary<(KillStep, Change), int>();
        var createKills = new Dictionary<string, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sinceLastKill = new System.Diagnostics.Stopwatch();
        var restarts = new List<Task<HostProcess>>();
        for (var i = 0; i < KillPoints; i++)
        {
            if (i == KillPoints - 1)
            {
                // The last kill is timed: every host has joined, so a survivor is there to take over.
                await Task.WhenAll(restarts);
            }

            if (cluster.LiveHosts.Count == 0)
            {
                // Both hosts died (a restarting one can be the next victim): start one to work on.
                serving.Add(await cluster.StartHostAsync());
            }

            await UntilAHostServesAsync(serving, restarts);

            var (step, change) = ((KillStep)(i % 5), (Change)(i / 5 % 3));
            // Every fifteen kills a create meets each kill step; the next fifteen hold its next load.
            var createStep = CreateSteps[i / 15 % CreateSteps.Length];
            var victim = await KillAtAsync(cluster, step, tenants[i % tenants.Count], change, change == Change.Create ? createStep : "pos.config");
            sinceLastKill.Restart();
            kills[(step, change)] = kills.GetValueOrDefault((step, change)) + 1;
            if (change == Change.Create)
            {
                createKills[createStep] = createKills.GetValueOrDefault(createStep) + 1;
            }

            // The killed host comes back, as a supervisor would restart it, while the other works on.
            restarts.Add(cluster.StartHostAsync());
            Assert.True(victim.HasExited);
        }

        // The survivor alone must finish the last killed push once its lease runs out, while the
        // killed host restarts.
        var killed = clock.Elapsed;
        await cluster.WaitUntilAllSyncedAsync(ClusterScenario.Lease + ClusterScenario.Tick + ConvergenceSlack);
        var converged = sinceLastKill.Elapsed;
        await Task.WhenAll(restarts);

        Assert.Empty(await cluster.LedgerDiscrepanciesAsync());
        Assert.NotEmpty(cluster.LiveHosts);
        // Every step met every kind of change (each kill stops the push of the change made for it: see KillAtAsync).
        Assert.Equal(Enum.GetValues<KillStep>().Length * Enum.GetValues<Change>().Length, kills.Count);
        Assert.All(kills.Values, count => Assert.True(count >= 4, $"a step met a change {count} time(s)"));
        Assert.Equal(KillPoints, kills.Values.Sum());
        Assert.Equal(CreateSteps.Order(), createKills.Keys.Order());
        Assert.All(createKills.Values, count => Assert.True(count >= 5, $"a load of a create was held {count} time(s)"));
        output.WriteLine($"{KillPoints} SIGKILLs in {killed.TotalSeconds:0} s; every register synced {converged.TotalSeconds:0.0} s after the last kill (lease {ClusterScenario.Lease.TotalSeconds:0} s, tick {ClusterScenario.Tick.TotalSeconds:0} s)");
        foreach (var ((step, change), count) in kills.OrderBy(kill => kill.Key))
        {
            output.WriteLine($"  {step,-28} {change,-10} {count,3} kill(s)");
        }

        output.WriteLine($"  creates held at: {string.Join(", ", createKills.Select(kill => $"{kill.Key} {kill.Value}"))}");
    }

    /// <summary>
    /// Waits until a live host has finished starting. Two kills in a row can leave only hosts that
    /// are still starting (each victim restarts), and on two cores shared with other work a start
    /// took about 30 s: a step's time is for pushing the change, not for a host's start-up.
    /// </summary>
    private static async Task UntilAHostServesAsync(List<HostProcess> serving, List<Task<HostProcess>> restarts)
    {
        while (!serving.Concat(restarts.Where(restart => restart.IsCompletedSuccessfully).Select(restart => restart.Result)).Any(host => !host.HasExited))
        {
            await Task.WhenAny(restarts.Where(restart => !restart.IsCompleted));
        }
    }

    /// <summary>Makes the change through the tenant API, on a register Odoo already has unless it is a create.</summary>
    private static async Task ChangeAsync(ClusterScenario cluster, TestTenant tenant, Change change)
    {
        switch (change)
        {
            case Change.Create:
                await cluster.CreateRegisterAsync(tenant);
                break;
            case Change.Rename:
                await cluster.RenameAsync(tenant, (await cluster.SyncedRegisterAsync(tenant)).Id);
                break;
            case Change.ActiveFlip:
                var (id, active) = await cluster.SyncedRegisterAsync(tenant);
                await cluster.ToggleActiveAsync(tenant, id, active);
                break;
        }
    }

    /// <summary>
    /// Waits until the tenant has nothing else to push, makes the change, holds whichever live
    /// host pushes it at <paramref name="step"/>, and SIGKILLs that host there. The trap is set
    /// before the change and only for this tenant's Odoo user, so it catches the push of this
    /// change and nothing else.
    /// </summary>
    private static async Task<HostProcess> KillAtAsync(ClusterScenario cluster, KillStep step, TestTenant tenant, Change change, string heldModel)
    {
        await cluster.WaitUntilAllSyncedAsync(StepTimeout, tenant);
        await using var harness = new NpgsqlConnection(cluster.ConnectionString);
        await harness.OpenAsync();
        await using var hold = await harness.BeginTransactionAsync();
        HostProcess victim;
        switch (step)
        {
            case KillStep.BeforeClaimCommits:
                // The lock stops every claim, whoever's: wait until no other tenant has anything
                // to push, so the claim it stops is this change's. The lock would block the change
                // itself too: keep the tenant's drains off until the lock is held, then let them
                // claim into it.
                await cluster.WaitUntilAllSyncedAsync(StepTimeout);
                await cluster.SetConnectionEnabledAsync(tenant, false);
                await cluster.WaitUntilNoDrainRunsAsync(tenant);
                await ChangeAsync(cluster, tenant, change);
                await ExecuteAsync(harness, "LOCK TABLE cafe.pos_configs IN SHARE MODE");
                await cluster.SetConnectionEnabledAsync(tenant, true);
                victim = await WaitForLockWaitAsync(cluster, "FOR UPDATE SKIP LOCKED");
                break;
            case KillStep.AfterClaimCommits:
                var held = new FakeOdooFault.Hold(new TaskCompletionSource().Task);
                await ArmThenChangeAsync(cluster, tenant, change, held, heldModel);
                victim = cluster.HostNamed(await WithinStepAsync(held.Reached.Task, cluster, tenant, $"the held {heldModel} load"));
                break;
            default:
                var release = new TaskCompletionSource();
                var reply = new FakeOdooFault.HoldReply(release.Task);
                await ArmThenChangeAsync(cluster, tenant, change, reply, heldModel);
                victim = cluster.HostNamed(await WithinStepAsync(reply.Applied.Task, cluster, tenant, $"the held {heldModel} load"));
                if (step == KillStep.AfterOdooAppliedBeforeReply)
                {
                    break;
                }

                // The tenant's rows the victim holds are exactly the pushed change: lock them so its outcome must wait.
                await ExecuteAsync(harness, $"SELECT id FROM cafe.pos_configs WHERE tenant_id = '{tenant.Id}' AND claimed_by = '{victim.Name}' FOR UPDATE");
                release.SetResult();
                await reply.Replied.Task.WaitAsync(StepTimeout);
                if (step == KillStep.DuringOutcome)
                {
                    Assert.Same(victim, await WaitForLockWaitAsync(cluster, heldModel == "pos.config" ? OutcomeStatement : LeaseRenewal));
                }

                break;
        }

        await victim.KillAsync();
        // Only once PostgreSQL has ended the dead host's sessions (rolling back what they had
        // open) is the lock let go: a statement the host had sent must not run on after its death.
        await WaitUntilSessionsEndAsync(cluster, victim);
        await hold.RollbackAsync();
        return victim;
    }

    /// <summary>The step's result within <see cref="StepTimeout"/>; else a failure that says where the tenant's push stood.</summary>
    private static async Task<T> WithinStepAsync<T>(Task<T> step, ClusterScenario cluster, TestTenant tenant, string what)
    {
        try
        {
            return await step.WaitAsync(StepTimeout);
        }
        catch (TimeoutException)
        {
            var rows = await TestPostgres.QueryAsync(cluster.ConnectionString,
                $"SELECT name, sync_state, odoo_sync_retries, odoo_next_attempt_at, claimed_by, claimed_until, clock_timestamp() AS now, sync_error_message FROM cafe.pos_configs WHERE tenant_id = '{tenant.Id}'");
            var triggers = await TestPostgres.QueryAsync(cluster.ConnectionString,
                "SELECT trigger_name, job_name, trigger_state, next_fire_time FROM quartz.qrtz_triggers UNION ALL SELECT trigger_name, job_name, 'FIRED ' || state || ' on ' || instance_name, fired_time FROM quartz.qrtz_fired_triggers");
            var calls = cluster.OdooOf(tenant).Calls.TakeLast(15).Select(call => $"{call.Transport} {call.Method} {call.ModelMethod} {call.Model} uid {call.Uid} from {call.Caller} at {call.At:HH:mm:ss.fff}");
            throw new TimeoutException($"""
                {what} did not reach Odoo within {StepTimeout.TotalSeconds:0} s.
                tenant {tenant.Id} rows: {string.Join("\n", rows.Select(row => string.Join(", ", row.Select(cell => $"{cell.Key}={cell.Value}"))))}
                triggers: {string.Join("\n", triggers.Select(row => string.Join(", ", row.Values)))}
                last calls of its Odoo: {string.Join("\n", calls)}
                hosts: {string.Join("\n---\n", cluster.Hosts.Select(host => $"{host.Name} exited={host.HasExited}\n{host.Output}"))}
                """);
        }
    }

    private static async Task WaitUntilSessionsEndAsync(ClusterScenario cluster, HostProcess host)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (await TestPostgres.ScalarAsync<long>(cluster.ConnectionString, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'nixcafe {host.Name}'") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"PostgreSQL kept the sessions of the killed host {host.Name} for {StepTimeout.TotalSeconds:0} s");
            await Task.Delay(20);
        }
    }

    /// <summary>Arms the fault for the tenant's next load of <paramref name="model"/> (creates and edits all go by load), then makes the change.</summary>
    private static async Task ArmThenChangeAsync(ClusterScenario cluster, TestTenant tenant, Change change, FakeOdooFault fault, string model)
    {
        cluster.OdooOf(tenant).FailNext(1, fault, "load", cluster.OdooUidOf(tenant), model);
        await ChangeAsync(cluster, tenant, change);
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
