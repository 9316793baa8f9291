using System.Diagnostics;
using NixCafe.FakeOdoo;
using NixCafe.OdooSync.Features.ReconcileDrift;
using Npgsql;

namespace NixCafe.Benchmarks;

/// <summary>
/// What one tenant's drift check costs in Odoo calls: a tenant with <paramref name="registers"/>
/// registers in Odoo, a few of them renamed, archived and deleted behind NixCafe's back. Counts are
/// the fake Odoo's own record of the calls it received.
/// </summary>
public sealed class DriftCheckBenchmark(int registers)
{
    /// <summary>The check's read batch (<c>CheckDriftCommandHandler.ReadBatch</c>).</summary>
    private const int CheckDriftReadBatch = 500;

    public async Task<BenchResult> RunAsync()
    {
        await using var odoo = await FakeOdooServer.StartAsync();
        odoo.Latency = TimeSpan.FromMilliseconds(20);
        await using var database = await BenchDatabase.CreateAsync();
        var tenant = (await database.AddProTenantsAsync(odoo, 1, withApiKeys: false))[0];
        await database.AddPendingCreatesAsync([tenant], registers);
        // Each register as a drain leaves it: its record in Odoo, the row synced under the record's id.
        var odooIds = new int[registers];
        odoo.Edit(store =>
        {
            for (var number = 1; number <= registers; number++)
            {
                odooIds[number - 1] = store.AddPosConfig($"Register {number}").Id;
            }
        });
        await database.ExecuteAsync("""
            UPDATE cafe.pos_configs AS row SET sync_state = 'synced', odoo_queued_at = NULL, odoo_pos_config_id = record.odoo_id
              FROM unnest(@names, @ids) AS record (name, odoo_id)
             WHERE row.tenant_id = @tenant AND row.name = record.name
            """,
            new NpgsqlParameter("names", Enumerable.Range(1, registers).Select(number => $"Register {number}").ToArray()),
            new NpgsqlParameter("ids", odooIds),
            new NpgsqlParameter("tenant", tenant.Id));
        // One in a hundred of each kind, made in the back office.
        var step = Math.Max(1, registers / 10);
        odoo.Edit(store =>
        {
            for (var index = 0; index + 2 < registers; index += step)
            {
                store.RenamePosConfig(odooIds[index], $"Renamed {index}");
                store.ArchivePosConfig(odooIds[index + 1]);
                store.DeletePosConfig(odooIds[index + 2]);
            }
        });

        // A first check pays the connection's version probe and login; the second is what every later check costs.
        var first = await CheckAsync(database, odoo, tenant.Id);
        var second = await CheckAsync(database, odoo, tenant.Id);

        var byKind = string.Join(", ", second.Result.Findings.GroupBy(finding => finding.Kind).OrderBy(group => group.Key).Select(group => $"{group.Key} {group.Count()}"));
        var bound = (registers + CheckDriftReadBatch - 1) / CheckDriftReadBatch + 1;
        return new BenchResult($"One tenant's drift check over {registers:N0} registers", [
            new Figure($"Drift check of {registers:N0} registers: Odoo calls (every check after the first)", $"{second.Calls}", $"≤ {bound} (⌈n/{CheckDriftReadBatch}⌉ + 1)", second.Calls <= bound),
            new Figure("  the first check, the connection's version probe and login included", $"{first.Calls}", "reported", null),
            new Figure("  time of one check (fake Odoo answering each call after 20 ms)", $"{second.Elapsed.TotalMilliseconds:0} ms", "reported", null),
        ], [
            $"One Pro tenant with {registers:N0} synced registers, each with its pos.config in the fake Odoo 16 (plus the demo data's), under the report policy; a back-office user renamed, archived and deleted one record in {step} of each kind. Findings: {byKind}.",
            $"The check reads the records by the registers' Odoo ids with `search_read` and `context: {{active_test: false}}` ({CheckDriftReadBatch} ids a call), then the records beyond those ids in one more call; it never reads one register at a time. Calls of the second check: {string.Join(", ", second.Methods)}.",
        ]);
    }

    private static async Task<(DriftCheckResult Result, int Calls, TimeSpan Elapsed, IReadOnlyList<string> Methods)> CheckAsync(BenchDatabase database, FakeOdooServer odoo, Guid tenantId)
    {
        var before = odoo.Calls.Count;
        var watch = Stopwatch.StartNew();
        var result = await database.SendAsync(new CheckDriftCommand(tenantId));
        watch.Stop();
        if (result.Error is not null || result.Skipped is not null)
        {
            throw new InvalidOperationException($"The drift check did not run: {result.Error ?? result.Skipped}");
        }

        var calls = odoo.Calls.Skip(before).ToList();
        return (result, calls.Count, watch.Elapsed, calls.Select(call => call.ModelMethod ?? call.Method).ToList());
    }
}
