using System.Globalization;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Cluster;

namespace NixCafe.Benchmarks;

/// <summary>
/// One clustered tick over many Pro tenants with pending creates, on one host process against the
/// fake Odoo answering each call after a fixed latency. Compares the tick's wall time with the
/// lower bound the host's concurrency allows (every Odoo call of the tick, at that latency, spread
/// perfectly over <c>MaxConcurrentDrains</c> drains), and reports the host's peak working set.
/// <paramref name="hostSettings"/> are added to the host's; <paramref name="alongside"/>, when
/// given, runs beside the host from its start to the end of the measured tick (a scraper).
/// </summary>
public sealed class TenantTickBenchmark(int tenants, int createsPerTenant, TimeSpan latency, int maxConcurrentDrains, bool operatorDrainNow,
    IReadOnlyDictionary<string, string>? hostSettings = null, Func<HostProcess, IAsyncDisposable>? alongside = null)
{
    private const int WarmUpRounds = 3;
    private const int WarmUpTenantsPerRound = 80;
    private const int WarmUpRegistersPerTenant = 3;

    /// <summary>How often the host's tick fires here: longer than the measured tick takes, so one tick measures alone.</summary>
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(30);

    public async Task<BenchResult> RunAsync()
    {
        var run = await MeasureAsync();
        var calls = run.Calls;
        var tickAt = run.StartedAt;
        var wall = run.Wall;
        var callsPerTenant = (double)calls.Count / tenants;
        var waves = Math.Ceiling((double)tenants / maxConcurrentDrains);
        var lowerBound = TimeSpan.FromTicks((long)(waves * callsPerTenant * latency.Ticks));
        var ratio = wall / lowerBound;
        var registers = tenants * createsPerTenant;
        var byMethod = calls.GroupBy(call => call.ModelMethod ?? call.Method).OrderByDescending(group => group.Count())
            .Select(group => $"{group.Key} {group.Count()}");
        const double MiB = 1024 * 1024;

        var what = operatorDrainNow ? "The operator's drain-now (no scheduler)" : "One clustered tick";
        return new BenchResult($"{what} over {tenants:N0} Pro tenants × {createsPerTenant} pending creates", [
            new Figure($"{what} over {tenants:N0} tenants × {createsPerTenant} creates at {latency.TotalMilliseconds:0} ms per Odoo call: wall time ÷ concurrency lower bound",
                $"{ratio:0.00}×", operatorDrainNow ? "reported" : "≤ 1.25×", operatorDrainNow ? null : ratio <= 1.25),
            new Figure($"Host peak working set during it (idle before: {run.IdleMemoryBytes / MiB:0} MiB)", $"{run.PeakMemoryBytes / MiB:0} MiB", "reported", null),
        ], [
            $"{registers:N0} registers of {tenants:N0} tenants created in Odoo; {calls.Count:N0} Odoo calls ({string.Join(", ", byMethod)}), {callsPerTenant:0.00} per tenant.",
            $"The first Odoo call came {(calls[0].At - tickAt).TotalSeconds:0.00} s after the start and the last {(calls[^1].At - tickAt).TotalSeconds:0.00} s after it.",
            $"CPU used during the tick: host {run.HostCpu.TotalSeconds:0.0} s, PostgreSQL {run.PostgresCpu.TotalSeconds:0.0} s, the fake Odoo and this benchmark {run.BenchCpu.TotalSeconds:0.0} s, on {Environment.ProcessorCount} cores over {wall.TotalSeconds:0.0} s.",
            $"Each tenant is its own Odoo user, so every tenant pays its login and `fields_get` on the host's first drain of it: this is the cold case.",
            WarmUpDetail,
            $"Lower bound: ⌈{tenants:N0} tenants ÷ {maxConcurrentDrains} concurrent drains⌉ × {callsPerTenant:0.00} calls × {latency.TotalMilliseconds:0} ms = {lowerBound.TotalSeconds:0.0} s; measured from the start (the tick's cron moment, or the operator's request) to the last register synced: {wall.TotalSeconds:0.0} s.",
            $"Working set is the host process's resident memory (VmRSS); its peak (VmHWM) was reset just before the tick.",
        ]);
    }

    public string WarmUpDetail =>
        $"The host had run before, as a production host has: {WarmUpRounds} rounds of {WarmUpTenantsPerRound} other tenants × {WarmUpRegistersPerTenant} registers pushed by its ticks (or drain-now), each round followed by a pause until its CPU was idle, so the runtime had compiled its hot code. The measured tenants were new to it; its tick fired every {TickPeriod.TotalSeconds:0} s.";

    /// <summary>One tick (or drain-now) on a fresh database, fake Odoo and warmed-up host: its time, CPU, memory and Odoo calls.</summary>
    public async Task<TickRun> MeasureAsync()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        await using var database = await BenchDatabase.CreateAsync();
        var proTenants = await database.AddProTenantsAsync(odoo, tenants, withApiKeys: false);
        var warmUpTenants = await database.AddProTenantsAsync(odoo, WarmUpRounds * WarmUpTenantsPerRound, withApiKeys: false);
        odoo.Latency = latency;

        var settings = new Dictionary<string, string>(hostSettings ?? new Dictionary<string, string>())
        {
            ["NixCafe:OdooSync:SchedulerEnabled"] = operatorDrainNow ? "false" : "true",
            // Quartz reads cron in the host's local time zone, which is this process's: ticks at :00 and :30.
            ["NixCafe:OdooSync:Cron"] = $"0/{TickPeriod.TotalSeconds:0} * * * * ?",
            ["NixCafe:OdooSync:MaxConcurrentDrains"] = maxConcurrentDrains.ToString(CultureInfo.InvariantCulture),
        };
        await using var host = await database.StartHostAsync(settings);
        await using var beside = alongside?.Invoke(host);
        using var operatorClient = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromMinutes(10) };
        operatorClient.DefaultRequestHeaders.Authorization = new("Bearer", BenchDatabase.OperatorKey);

        await WarmUpAsync(database, host, warmUpTenants, operatorClient);
        var tickAt = NextTick(DateTimeOffset.Now + TimeSpan.FromSeconds(2));
        await database.AddPendingCreatesAsync(proTenants, createsPerTenant);
        if (DateTimeOffset.Now > tickAt - TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException("Writing the registers took so long that the host's tick may have fired before they were all written");
        }

        // Figures are read from just before the tick: the host's work while waiting for it is not the tick's.
        await DelayUntilAsync(tickAt - TimeSpan.FromMilliseconds(100));
        var callsBefore = odoo.Calls.Count;
        var idle = ProcessStats.MemoryBytes(host.ProcessId);
        ProcessStats.ResetPeakMemory(host.ProcessId);
        var hostCpu = ProcessStats.CpuTime(host.ProcessId);
        var postgresCpu = ProcessStats.PostgresCpuTime();
        var benchCpu = ProcessStats.CpuTime(Environment.ProcessId);

        // The operator's drain-now starts at the tick's moment, on a host whose scheduler is off.
        Task<HttpResponseMessage>? drainNow = null;
        if (operatorDrainNow)
        {
            await DelayUntilAsync(tickAt);
            drainNow = operatorClient.PostAsync("api/cafe/cron/odoo-sync", null);
        }

        var syncedAt = await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(10));
        if (drainNow is not null)
        {
            (await drainNow).EnsureSuccessStatusCode();
        }

        var peak = ProcessStats.PeakMemoryBytes(host.ProcessId);
        hostCpu = ProcessStats.CpuTime(host.ProcessId) - hostCpu;
        postgresCpu = ProcessStats.PostgresCpuTime() - postgresCpu;
        benchCpu = ProcessStats.CpuTime(Environment.ProcessId) - benchCpu;

        return new TickRun(tickAt, syncedAt - tickAt, hostCpu, postgresCpu, benchCpu, idle, peak, odoo.Calls.Skip(callsBefore).ToList());
    }

    /// <summary>
    /// A production host has run many ticks before any given one. Rounds of other tenants'
    /// registers, each pushed by a tick of the host (or the operator's drain-now when the
    /// scheduler is off), bring its code to its steady state, so the tick measures the tick and not
    /// the runtime's tiered compilation: right after start that took a third of the host's CPU.
    /// The runtime optimises a method only after many calls made while nothing new was being
    /// compiled, hence several rounds, each followed by a pause.
    /// </summary>
    private async Task WarmUpAsync(BenchDatabase database, HostProcess host, List<BenchTenant> warmUpTenants, HttpClient operatorClient)
    {
        foreach (var round in warmUpTenants.Chunk(WarmUpTenantsPerRound))
        {
            await database.AddPendingCreatesAsync(round, WarmUpRegistersPerTenant);
            if (operatorDrainNow)
            {
                (await operatorClient.PostAsync("api/cafe/cron/odoo-sync", null)).EnsureSuccessStatusCode();
            }

            await database.WaitUntilAllSyncedAsync(TickPeriod * 2);
            await WaitUntilIdleAsync(host.ProcessId);
        }
    }

    /// <summary>The first moment of the host's tick schedule (every <see cref="TickPeriod"/> from the minute) at or after <paramref name="after"/>.</summary>
    private static DateTimeOffset NextTick(DateTimeOffset after)
    {
        var minute = new DateTimeOffset(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, after.Offset);
        var periods = Math.Ceiling((after - minute) / TickPeriod);
        return minute + (TickPeriod * periods);
    }

    /// <summary>Until the host's background compilation of what the warm-up made hot has finished (its CPU under 5 % of a core).</summary>
    private static async Task WaitUntilIdleAsync(int processId)
    {
        var interval = TimeSpan.FromMilliseconds(500);
        var before = ProcessStats.CpuTime(processId);
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += interval)
        {
            await Task.Delay(interval);
            var now = ProcessStats.CpuTime(processId);
            if (now - before < interval * 0.05)
            {
                return;
            }

            before = now;
        }
    }

    private static async Task DelayUntilAsync(DateTimeOffset moment)
    {
        if (moment - DateTimeOffset.Now is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
