using System.Diagnostics;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Configuration;

namespace NixCafe.Benchmarks;

/// <summary>
/// What a push costs in Odoo calls and how soon a change reaches Odoo, on the real host process
/// with its scheduler on, the way a cafe uses it: creates drained by the tick, renames through the
/// API drained at once. Counts are the fake Odoo's own record of the calls it received.
/// </summary>
public sealed class PushCostBenchmark(int renames)
{
    private const int Tenants = 10;
    private const int RegistersPerTenant = 100;
    private const double OriginalDesignCallsPerRegister = 2.0;

    /// <summary>Odoo calls per register pushed, for creates by the tick and for renames made through the API, against one Odoo version.</summary>
    public async Task<BenchResult> CallsPerRegisterAsync(int odooVersion)
    {
        await using var odoo = await FakeOdooServer.StartAsync(version: odooVersion);
        odoo.Latency = TimeSpan.FromMilliseconds(20);
        await using var database = await BenchDatabase.CreateAsync();
        var tenants = await database.AddProTenantsAsync(odoo, Tenants, withApiKeys: true);
        await database.AddPendingCreatesAsync(tenants, RegistersPerTenant);
        var (host, _) = await database.StartHostTickingAtAsync(TimeSpan.FromSeconds(20));
        await using var _ = host;

        await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(5));
        var createCalls = odoo.Calls.ToList();

        // Every register renamed once, the tenants' admins working at the same time.
        var registers = await TestPostgres.QueryAsync(database.ConnectionString, "SELECT id, tenant_id FROM cafe.pos_configs");
        await Parallel.ForEachAsync(registers, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (register, cancellationToken) =>
        {
            var tenant = tenants.Single(tenant => tenant.Id == (Guid)register["tenant_id"]!);
            using var client = tenant.ClientFor(host);
            (await client.PutAsJsonAsync($"api/cafe/settings/registers/{register["id"]}/name", new { name = $"Renamed {register["id"]:N}" }, cancellationToken)).EnsureSuccessStatusCode();
        });
        await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(5));
        var renameCalls = odoo.Calls.Skip(createCalls.Count).ToList();

        var created = Tenants * RegistersPerTenant;
        var perCreate = (double)createCalls.Count / created;
        var perRename = (double)renameCalls.Count / registers.Count;
        var perPush = (double)(createCalls.Count + renameCalls.Count) / (created + registers.Count);
        var transport = odooVersion >= 19 ? "/json/2" : "/jsonrpc";
        return new BenchResult($"Odoo calls per pushed register, Odoo {odooVersion}", [
            new Figure($"Odoo {odooVersion} ({transport}): RPCs per pushed register at batch 10 ({created:N0} creates + {registers.Count:N0} renames; original design {OriginalDesignCallsPerRegister:0.0})", $"{perPush:0.000}", "≤ 0.25", perPush <= 0.25),
            new Figure($"  Odoo {odooVersion}: per created register (its cash journal and method included; each connection's version probe, login, fields_get and cash-journal right too)", $"{perCreate:0.000}", "reported", null),
            new Figure($"  Odoo {odooVersion}: per updated register (a rename through the API, drained at once)", $"{perRename:0.000}", "reported", null),
        ], [
            $"{Tenants} Pro tenants, each its own Odoo user, with {RegistersPerTenant} registers each waiting for their create; one tick, then follow-up drains, push them (batch 10). The fake Odoo is a {odooVersion}.0, reached over {transport}; a cash journal and a cash method of its own are made for every register.",
            $"Creates: {createCalls.Count:N0} calls ({ByMethod(createCalls)}): three `load`s per batch of 10 (cash journals, cash methods, configs), whatever the batch's size. The original design read the template and created each register on its own: {OriginalDesignCallsPerRegister:0.0} calls per register, before any login.",
            $"Renames: every register renamed once through the API by 4 concurrent clients; each committed rename asks for its tenant's drain, so renames arriving within one debounce window share a `load`: {renameCalls.Count:N0} calls ({ByMethod(renameCalls)}).",
        ]);
    }

    /// <summary>From a rename's request to the moment the fake Odoo receives the write that carries the new name.</summary>
    public async Task<BenchResult> RenameLatencyAsync()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        // A real Odoo 16 answered its ordinary calls in 17 to 43 ms, a 1-row load in about 40 ms (docs/odoo-protocol.md).
        odoo.Latency = TimeSpan.FromMilliseconds(40);
        await using var database = await BenchDatabase.CreateAsync();
        var tenants = await database.AddProTenantsAsync(odoo, 5, withApiKeys: true);
        // The host's own default schedule: the minute tick only as the backstop.
        await using var host = await database.StartHostAsync();

        var registers = new List<(BenchTenant Tenant, Guid Id)>();
        foreach (var tenant in tenants)
        {
            using var client = tenant.ClientFor(host);
            for (var number = 1; number <= 4; number++)
            {
                var response = await client.PostAsJsonAsync("api/cafe/settings/registers", new { shopId = tenant.ShopId, name = $"Till {number}" });
                response.EnsureSuccessStatusCode();
                registers.Add((tenant, (await response.Content.ReadFromJsonAsync<CreatedRegister>())!.Id));
            }
        }

        await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(2));
        var random = new Random(20261121);
        var latencies = new List<double>();
        for (var rename = 0; rename < renames; rename++)
        {
            var (tenant, id) = registers[random.Next(registers.Count)];
            var name = $"Till {rename}-{random.Next(1000)}";
            using var client = tenant.ClientFor(host);
            var callsBefore = odoo.Calls.Count;
            var sent = DateTimeOffset.UtcNow;
            (await client.PutAsJsonAsync($"api/cafe/settings/registers/{id}/name", new { name })).EnsureSuccessStatusCode();
            var write = await WaitForCallCarryingAsync(odoo, callsBefore, name);
            latencies.Add((write.At - sent).TotalMilliseconds);
            // Admins do not rename in lockstep with the debounce window.
            await Task.Delay(random.Next(100, 700));
        }

        latencies.Sort();
        var p50 = Percentile(latencies, 0.50);
        var p95 = Percentile(latencies, 0.95);
        return new BenchResult("From a rename to Odoo's write", [
            new Figure($"Rename → Odoo write seen by the fake, p50 of {renames} renames", $"{p50 / 1000:0.00} s", "reported", null),
            new Figure($"Rename → Odoo write seen by the fake, p95 of {renames} renames", $"{p95 / 1000:0.00} s", "≤ 0.25 s", p95 <= 250),
        ], [
            $"5 Pro tenants × 4 registers, already in Odoo; the fake Odoo answers each call after 40 ms; the host runs with its defaults (a change drains at once unless its tenant asked for a drain within the last {new OdooSyncOptions().ImmediateDrainDelay.TotalSeconds:0.0#} s, then at the end of that window; the minute tick as backstop).",
            $"Each rename is a PUT to the host's API; the time runs from sending it to the fake receiving the `load` that carries the new name. Pauses of 0.1–0.7 s (seeded) between renames. Fastest {latencies[0] / 1000:0.00} s, slowest {latencies[^1] / 1000:0.00} s.",
            "A rename whose tenant was renamed within the window before waits for the window's end, so that a burst of edits becomes two pushes; the others drain at once.",
        ]);
    }

    /// <summary>
    /// Bursts through the API: 100 renames of 100 registers of one tenant within a second, counted
    /// in `load`s; and 10 renames of one register back to back, counted in pushes of it.
    /// </summary>
    public async Task<BenchResult> RenameBurstAsync()
    {
        const int Registers = 100;
        const int Edits = 10;
        const int Senders = 20;
        await using var odoo = await FakeOdooServer.StartAsync();
        odoo.Latency = TimeSpan.FromMilliseconds(40);
        await using var database = await BenchDatabase.CreateAsync();
        var tenant = (await database.AddProTenantsAsync(odoo, 1, withApiKeys: true)).Single();
        await database.AddPendingCreatesAsync([tenant], Registers);
        // The host's own defaults; its first tick pushes the creates.
        await using var host = await database.StartHostAsync();
        await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(2));
        var ids = (await TestPostgres.QueryAsync(database.ConnectionString, "SELECT id FROM cafe.pos_configs ORDER BY name")).Select(row => (Guid)row["id"]!).ToList();
        using var client = tenant.ClientFor(host);
        // Two windows without a change: the burst starts after a quiet spell, as an admin's would.
        await Task.Delay(new OdooSyncOptions().ImmediateDrainDelay * 2);

        // Connections open and the host's request path warm before the burst, so sending measures the sending.
        await Task.WhenAll(ids.Take(Senders).Select(async id => (await client.GetAsync($"api/cafe/settings/registers/{id}")).EnsureSuccessStatusCode()));

        var callsBefore = odoo.Calls.Count;
        var started = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids.Select((id, index) => (id, index)), new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (register, cancellationToken) =>
        {
            // One rename each 10 ms, from as many senders as connections were opened: the hundred within a second.
            var due = TimeSpan.FromMilliseconds(register.index * 10) - started.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            (await client.PutAsJsonAsync($"api/cafe/settings/registers/{register.id}/name", new { name = $"Burst {register.index}" }, cancellationToken)).EnsureSuccessStatusCode();
        });
        var sentIn = started.Elapsed;
        await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(2));
        var loads = odoo.Calls.Skip(callsBefore).Where(call => call.ModelMethod == "load").ToList();

        await Task.Delay(new OdooSyncOptions().ImmediateDrainDelay * 2);
        callsBefore = odoo.Calls.Count;
        for (var edit = 1; edit <= Edits; edit++)
        {
            (await client.PutAsJsonAsync($"api/cafe/settings/registers/{ids[0]}/name", new { name = $"Edit {edit}" })).EnsureSuccessStatusCode();
        }

        await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(2));
        var pushes = odoo.Calls.Skip(callsBefore).Where(call => call.ModelMethod == "load").Select(call => call.LoadRows!.ToJsonString()).ToList();
        var lastCarriesLatest = pushes.Count > 0 && pushes[^1].Contains($"\"Edit {Edits}\"", StringComparison.Ordinal);

        return new BenchResult("Bursts of renames", [
            new Figure($"{Registers} renames of {Registers} registers of one tenant within a second: Odoo `load`s", $"{loads.Count}", "≤ 10", loads.Count <= 10),
            new Figure($"  time from sending the first rename to the last one's answer (the premise: within a second)", $"{sentIn.TotalSeconds:0.00} s", "reported", null),
            new Figure($"{Edits} renames of one register back to back: pushes of it (the last carrying its latest name: {(lastCarriesLatest ? "yes" : "no")})", $"{pushes.Count}", "≤ 2", pushes.Count <= 2 && lastCarriesLatest),
        ], [
            $"One Pro tenant with {Registers} registers in Odoo; the fake answers each call after 40 ms; the host runs with its defaults. The renames went through the API, one each 10 ms from {Senders} senders, over connections opened before (one warm-up read each); from the first sent to the last answered took {sentIn.TotalSeconds:0.00} s, after {new OdooSyncOptions().ImmediateDrainDelay.TotalSeconds * 2:0.0} s without a change.",
            $"Rows per `load`: {string.Join(", ", loads.Select(load => load.LoadRows!.Count))}.",
            $"The {Edits} renames of one register, sent one after another: {pushes.Count} push(es) of it, carrying {string.Join(" then ", pushes.Select(push => push.Contains("Edit ", StringComparison.Ordinal) ? push[(push.IndexOf("Edit ", StringComparison.Ordinal))..].Split('"')[0] : push))}.",
        ]);
    }

    private sealed record CreatedRegister(Guid Id);

    private static async Task<FakeOdooCall> WaitForCallCarryingAsync(FakeOdooServer odoo, int from, string name)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (odoo.Calls.Skip(from).FirstOrDefault(call => call.ModelMethod is "load" or "write" && call.Arguments.ToJsonString().Contains(name, StringComparison.Ordinal)) is { } call)
            {
                return call;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"Odoo never received the rename to '{name}'");
    }

    private static string ByMethod(IEnumerable<FakeOdooCall> calls) =>
        string.Join(", ", calls.GroupBy(call => call.ModelMethod ?? call.Method).OrderByDescending(group => group.Count()).Select(group => $"{group.Key} {group.Count()}"));

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double fraction) => sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
