using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Odoo;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.Benchmarks;

/// <summary>
/// Mixed API traffic from many tenants, as fast as a fixed number of clients can send it (each
/// sends its next request when the last one is answered), for a fixed time, while the drains push
/// every change to a fake Odoo answering in 40 ms. Afterwards NixCafe and Odoo must agree: one
/// <c>pos.config</c> per register, with its final name. 429s are counted apart from errors.
/// </summary>
public sealed class SustainedLoadBenchmark(TimeSpan duration, int tenants, int clients)
{
    private const int RegistersPerTenant = 2;

    public async Task<BenchResult> RunAsync()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        odoo.Latency = TimeSpan.FromMilliseconds(40);
        await using var database = await BenchDatabase.CreateAsync();
        var cafes = await database.AddProTenantsAsync(odoo, tenants, withApiKeys: true);
        var host = await database.StartHostAsync(new Dictionary<string, string> { ["NixCafe:OdooSync:Cron"] = "0/10 * * * * ?" });
        await using var _ = host;
        var http = cafes.Select(cafe => cafe.ClientFor(host)).ToArray();
        var registers = new List<Guid>[cafes.Count];
        for (var t = 0; t < cafes.Count; t++)
        {
            registers[t] = [];
            for (var r = 0; r < RegistersPerTenant; r++)
            {
                var created = await (await http[t].PostAsJsonAsync("api/cafe/settings/registers", new { shopId = cafes[t].ShopId, name = $"T{t} seed {r}" }))
                    .Content.ReadFromJsonAsync<RegisterResponse>();
                registers[t].Add(created!.Id);
            }
        }

        var memoryAtStart = ProcessStats.MemoryBytes(host.ProcessId);
        var latencies = new ConcurrentBag<(string Kind, double Milliseconds)>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var t = random.Next(cafes.Count);
                Guid registerId;
                lock (registers[t])
                {
                    registerId = registers[t][random.Next(registers[t].Count)];
                }

                var roll = random.Next(100);
                var sent = Stopwatch.StartNew();
                var (kind, response) = roll switch
                {
                    < 40 => ("read", await http[t].GetAsync("api/cafe/settings/registers")),
                    < 55 => ("create", await http[t].PostAsJsonAsync("api/cafe/settings/registers", new { shopId = cafes[t].ShopId, name = $"T{t} C{worker}-{n}" })),
                    < 85 => ("rename", await http[t].PutAsJsonAsync($"api/cafe/settings/registers/{registerId}/name", new { name = $"T{t} R{worker}-{n}" })),
                    _ => ("order number", await http[t].PostAsync($"api/cafe/settings/registers/{registerId}/order-numbers", null)),
                };
                latencies.Add((kind, sent.Elapsed.TotalMilliseconds));
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
                if (kind == "create" && response.IsSuccessStatusCode)
                {
                    var created = await response.Content.ReadFromJsonAsync<RegisterResponse>();
                    lock (registers[t])
                    {
                        registers[t].Add(created!.Id);
                    }
                }

                response.Dispose();
            }
        })));
        var elapsed = clock.Elapsed;
        var memoryAtEnd = ProcessStats.MemoryBytes(host.ProcessId);
        var drained = Stopwatch.StartNew();
        await database.WaitUntilAllSyncedAsync(TimeSpan.FromMinutes(5));
        var disagreements = await DisagreementsAsync(database, odoo);

        var all = latencies.Select(latency => latency.Milliseconds).Order().ToArray();
        var errors = statuses.Where(status => status.Key >= 400 && status.Key != 429).Sum(status => status.Value);
        var byStatus = string.Join(", ", statuses.OrderBy(status => status.Key).Select(status => $"{status.Key}: {status.Value:N0}"));
        var byKind = string.Join("; ", latencies.GroupBy(latency => latency.Kind).OrderBy(group => group.Key)
            .Select(group => $"{group.Key} {group.Count():N0}, p95 {Percentile(group.Select(latency => latency.Milliseconds).Order().ToArray(), 0.95):0} ms"));
        return new BenchResult("sustained mixed API load while the drains push", [
            new Figure($"requests per second ({clients} clients, {tenants} tenants, {elapsed.TotalSeconds:0} s)", $"{all.Length / elapsed.TotalSeconds:0}", "reported", null),
            new Figure("  latency p50 / p95 / p99", $"{Percentile(all, 0.5):0} / {Percentile(all, 0.95):0} / {Percentile(all, 0.99):0} ms", "reported", null),
            new Figure("  errors other than 429", $"{errors:N0}", "0", errors == 0),
            new Figure("  host working set at start / end", $"{memoryAtStart / 1048576.0:0} / {memoryAtEnd / 1048576.0:0} MiB", "reported", null),
            new Figure("  NixCafe and Odoo disagree on (registers)", $"{disagreements.Count:N0}", "0", disagreements.Count == 0),
        ], [
            $"{clients} clients, each sending its next request as soon as the last is answered, to {tenants} Pro tenants picked at random (each its own API key, so no one caller's rate limit is what is measured): 40 % register lists, 15 % creates, 30 % renames, 15 % order numbers. The drains push to one fake Odoo answering in 40 ms; the tick runs every 10 s beside each change's own drain.",
            $"Answers by status: {byStatus}. By kind: {byKind}.",
            $"Every register synced {drained.Elapsed.TotalSeconds:0.0} s after the load stopped.",
            .. disagreements.Take(10),
        ]);
    }

    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(share * sorted.Length) - 1)];

    /// <summary>Each register once in Odoo under its external id, with NixCafe's final name and active flag; Odoo holds nothing else.</summary>
    private static async Task<List<string>> DisagreementsAsync(BenchDatabase database, FakeOdooServer odoo)
    {
        var rows = await TestPostgres.QueryAsync(database.ConnectionString, "SELECT id, name, is_active, odoo_pos_config_id FROM cafe.pos_configs");
        var records = odoo.PosConfigs.ToDictionary(record => record.Id);
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var odooId = odoo.IdOfExternalId(PosConfigPayload.ExternalId((Guid)row["id"]!));
            if (odooId is null || (int?)row["odoo_pos_config_id"] != odooId || !records.TryGetValue(odooId.Value, out var record)
                || record.Name != (string)row["name"]! || record.Active != (bool)row["is_active"]!)
            {
                problems.Add($"{row["name"]}: NixCafe says pos.config {row["odoo_pos_config_id"]}, Odoo's external id {odooId}");
            }
        }

        if (records.Count != rows.Count + odoo.SeededPosConfigCount)
        {
            problems.Add($"Odoo holds {records.Count} pos.config(s) for {rows.Count} register(s) and {odoo.SeededPosConfigCount} of its own");
        }

        return problems;
    }
}
