using System.Globalization;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Cluster;

namespace NixCafe.Benchmarks;

/// <summary>
/// One clustered tick over many Pro tenants with pending creates, on one host process with its
/// default concurrency, against the fake Odoo answering each call after a fixed latency; each
/// tenant has an Odoo server of its own (an address of its own on the fake), as real tenants do.
/// Compares the tick's wall time with the larger of its two physical lower bounds: the CPU all
/// processes used during it spread over the cores, and the longest single tenant's chain of Odoo
/// calls at that latency. Reports the drains in flight, fairness (how long the last tenant waited
/// for its first push), CPU per pushed register and the host's peak working set.
/// <paramref name="hostSettings"/> are added to the host's; <paramref name="alongside"/>, when
/// given, runs beside the host from its start to the end of the measured tick (a scraper).
/// </summary>
public sealed class TenantTickBenchmark(int tenants, int createsPerTenant, TimeSpan latency, bool operatorDrainNow,
    IReadOnlyDictionary<string, string>? hostSettings = null, Func<HostProcess, IAsyncDisposable>? alongside = null)
{
    private const int WarmUpRounds = 4;
    private const int WarmUpRegistersPerTenant = 3;

    /// <summary>The host's peak working set in this tick before the drains became asynchronous work (docs/benchmarks.md of 2026-11-30).</summary>
    private const double EarlierPeakMiB = 245;

    /// <summary>How often the host's tick fires here: longer than the measured tick takes (under 10 s at 150 ms per call), so one tick measures alone.</summary>
    private static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(15);

    /// <summary>How long one warm-up round may take: its first, on a host fresh from start, ran 13 s at 20 ms per call.</summary>
    private static readonly TimeSpan WarmUpRoundTimeout = TimeSpan.FromMinutes(2);

    public async Task<BenchResult> RunAsync()
    {
        var run = await MeasureAsync();
        var (tickAt, wall, hostCpu, postgresCpu, benchCpu, idle, peak, calls) = (run.StartedAt, run.Wall, run.HostCpu, run.PostgresCpu, run.BenchCpu, run.IdleMemoryBytes, run.PeakMemoryBytes, run.Calls);
        var byServer = calls.GroupBy(call => call.Server).ToList();
        var longestChain = byServer.Max(server => server.Count());
        var chainBound = latency * longestChain;
        var cpuFloor = (hostCpu + postgresCpu + benchCpu) / Environment.ProcessorCount;
        var lowerBound = chainBound > cpuFloor ? chainBound : cpuFloor;
        var ratio = wall / lowerBound;
        var firstPushes = byServer.Select(server => server.Where(call => call.ModelMethod == "load").Min(call => call.At) - tickAt).Order().ToList();
        var registers = tenants * createsPerTenant;
        var cpuPerRegister = (hostCpu + postgresCpu).TotalMilliseconds / registers;
        var byMethod = calls.GroupBy(call => call.ModelMethod ?? call.Method).OrderByDescending(group => group.Count())
            .Select(group => $"{group.Key} {group.Count()}");
        const double MiB = 1024 * 1024;
        var drainSlots = new NixCafe.OdooSync.Configuration.OdooSyncOptions().MaxConcurrentDrains;

        var what = operatorDrainNow ? "The operator's drain-now (no scheduler)" : "One clustered tick";
        var at = $"at {latency.TotalMilliseconds:0} ms per Odoo call";
        return new BenchResult($"{what} over {tenants:N0} Pro tenants × {createsPerTenant} pending creates, {at}", [
            new Figure($"{what} over {tenants:N0} tenants × {createsPerTenant} creates {at}: wall time ÷ max(CPU floor, longest tenant's call chain)",
                $"{ratio:0.00}×", operatorDrainNow ? "reported" : "≤ 1.25×", operatorDrainNow ? null : ratio <= 1.25),
            new Figure($"  wall time / CPU floor / longest chain ({longestChain} calls × {latency.TotalMilliseconds:0} ms)",
                $"{wall.TotalSeconds:0.0} / {cpuFloor.TotalSeconds:0.0} / {chainBound.TotalSeconds:0.0} s", "reported", null),
            new Figure($"  peak drains in flight (tenants holding claims; host's slots {drainSlots})", $"{run.PeakDraining}", "reported", null),
            new Figure($"  worst first-push delay (a tenant's first load after the start)", $"{firstPushes[^1].TotalSeconds:0.00} s", "reported", null),
            new Figure($"  CPU per pushed register (host + PostgreSQL)", $"{cpuPerRegister:0.00} ms", "≤ 0.6 ms", cpuPerRegister <= 0.6),
            new Figure($"  host peak working set (idle before: {idle / MiB:0} MiB)", $"{peak / MiB:0} MiB", $"≤ {EarlierPeakMiB * 1.5:0} MiB", peak / MiB <= EarlierPeakMiB * 1.5),
        ], [
            $"{registers:N0} registers of {tenants:N0} tenants created in Odoo; {calls.Count:N0} Odoo calls ({string.Join(", ", byMethod)}), {(double)calls.Count / tenants:0.00} per tenant; each tenant's Odoo is an address of its own (127.0.x.y) on one fake Odoo, so the host's per-server cap applies per tenant as it would on real tenants' servers.",
            $"The first Odoo call came {(calls[0].At - tickAt).TotalSeconds:0.00} s after the start and the last {(calls[^1].At - tickAt).TotalSeconds:0.00} s after it; tenants' first pushes (their first `load`): median {firstPushes[firstPushes.Count / 2].TotalSeconds:0.00} s, worst {firstPushes[^1].TotalSeconds:0.00} s after the start.",
            $"CPU used during the tick: host {hostCpu.TotalSeconds:0.0} s, PostgreSQL {postgresCpu.TotalSeconds:0.0} s, the fake Odoo and this benchmark (with the PostgreSQL backends answering its polling) {benchCpu.TotalSeconds:0.0} s, on {Environment.ProcessorCount} cores over {wall.TotalSeconds:0.0} s: the CPU floor is their sum ÷ cores = {cpuFloor.TotalSeconds:0.00} s. CPU per pushed register counts the host and PostgreSQL: ({hostCpu.TotalSeconds:0.0} + {postgresCpu.TotalSeconds:0.0}) s ÷ {registers:N0}.",
            $"Longest chain: the tenant with the most Odoo calls made {longestChain}, one after another, {longestChain} × {latency.TotalMilliseconds:0} ms = {chainBound.TotalSeconds:0.00} s; no schedule finishes that tenant sooner. Wall time, from the start (the tick's cron moment, or the operator's request) to the last register synced: {wall.TotalSeconds:0.00} s.",
            $"Peak drains in flight: the most tenants holding a claim at once, sampled each 50 ms while waiting for the tick to end; the most Odoo calls the fake answered at once over the whole run: {run.MostCallsAtOnce}.",
            $"Each tenant is its own Odoo user, so every tenant pays its login and `fields_get` on the host's first drain of it: this is the cold case.",
            $"The host had run before, as a production host has: {WarmUpRounds} rounds of as many other tenants ({tenants:N0}) × {WarmUpRegistersPerTenant} registers pushed by its ticks (or drain-now), each round followed by a pause until its CPU was idle, so the runtime had compiled its hot code for a tick of this size. The measured tenants were new to it; its tick fired every {TickPeriod.TotalSeconds:0} s. It ran with `{BenchDatabase.HostGen0SizeSetting}={BenchDatabase.HostGen0Size}` (a 64 MiB young generation), as `build/run.sh` starts the host (README, Configuration).",
            $"Working set is the host process's resident memory (VmRSS); its peak (VmHWM) was reset just before the tick. Its target is 1.5× the {EarlierPeakMiB:0} MiB measured before the drains ran as asynchronous work.",
        ]);
    }

    /// <summary>One tick (or drain-now) on a fresh database, fake Odoo and warmed-up host: its time, CPU, memory and Odoo calls.</summary>
    public async Task<TickRun> MeasureAsync()
    {
        await using var odoo = await FakeOdooServer.StartOnEveryLoopbackAddressAsync();
        await using var database = await BenchDatabase.CreateAsync();
        var proTenants = await database.AddProTenantsAsync(odoo, tenants, withApiKeys: false, serverOfItsOwn: true);
        var warmUpTenants = await database.AddProTenantsAsync(odoo, WarmUpRounds * tenants, withApiKeys: false, serverOfItsOwn: true);
        odoo.Latency = latency;

        var settings = new Dictionary<string, string>(hostSettings ?? new Dictionary<string, string>())
        {
            ["NixCafe:OdooSync:SchedulerEnabled"] = operatorDrainNow ? "false" : "true",
            // Quartz reads cron in the host's local time zone, which is this process's: ticks at :00 and :30.
            ["NixCafe:OdooSync:Cron"] = $"0/{TickPeriod.TotalSeconds:0} * * * * ?",
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
        var (postgresCpu, benchBackendsCpu) = await database.ServerCpuTimeAsync();
        var benchCpu = ProcessStats.CpuTime(Environment.ProcessId);

        // The operator's drain-now starts at the tick's moment, on a host whose scheduler is off.
        Task<HttpResponseMessage>? drainNow = null;
        if (operatorDrainNow)
        {
            await DelayUntilAsync(tickAt);
            drainNow = operatorClient.PostAsync("api/cafe/cron/odoo-sync", null);
        }

        long peakDraining = 0;
        var syncedAt = await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(10),
            async () => peakDraining = Math.Max(peakDraining, await database.TenantsDrainingAsync()));
        if (drainNow is not null)
        {
            (await drainNow).EnsureSuccessStatusCode();
        }

        var peak = ProcessStats.PeakMemoryBytes(host.ProcessId);
        hostCpu = ProcessStats.CpuTime(host.ProcessId) - hostCpu;
        var (postgresAfter, benchBackendsAfter) = await database.ServerCpuTimeAsync();
        // The backends answering this benchmark's polling count as the benchmark's CPU, not PostgreSQL's for the host.
        postgresCpu = postgresAfter - postgresCpu - (benchBackendsAfter - benchBackendsCpu);
        benchCpu = ProcessStats.CpuTime(Environment.ProcessId) - benchCpu + (benchBackendsAfter - benchBackendsCpu);

        return new TickRun(tickAt, syncedAt - tickAt, hostCpu, postgresCpu, benchCpu, idle, peak, odoo.Calls.Skip(callsBefore).ToList(), peakDraining, odoo.MostCallsAtOnce);
    }

    /// <summary>
    /// A production host has run many ticks before any given one. Rounds of other tenants'
    /// registers, each pushed by a tick of the host (or the operator's drain-now when the
    /// scheduler is off), bring its code to its steady state, so the tick measures the tick and not
    /// the runtime's tiered compilation: right after start that took a third of the host's CPU.
    /// The runtime optimises a method only after many calls made while nothing new was being
    /// compiled, hence several rounds, each followed by a pause. Each round is as large as the
    /// measured tick: much of a big tick's code runs only at its scale (pools growing to their
    /// caps, hundreds of drains at once). After rounds of 80 tenants, the 1,000-tenant tick still
    /// compiled about 1,300 methods, 13 % of the host's CPU in it (perf); after two rounds as large
    /// as it, 638 (the runtime's `JitStdOutFile`), many of them only then instrumented for the
    /// tier after: code run once per trigger or tick is called a few dozen times a round. After
    /// four rounds, 278: code a host runs a few times a tick, which one ticking every minute in
    /// production has run thousands of times.
    /// </summary>
    private async Task WarmUpAsync(BenchDatabase database, HostProcess host, List<BenchTenant> warmUpTenants, HttpClient operatorClient)
    {
        foreach (var round in warmUpTenants.Chunk(tenants))
        {
            await database.AddPendingCreatesAsync(round, WarmUpRegistersPerTenant);
            if (operatorDrainNow)
            {
                (await operatorClient.PostAsync("api/cafe/cron/odoo-sync", null)).EnsureSuccessStatusCode();
            }

            await database.WaitUntilAllSyncedAsync(WarmUpRoundTimeout);
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
