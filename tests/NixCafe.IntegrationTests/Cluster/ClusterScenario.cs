using System.Net;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Odoo;
using NixCafe.Registers.Features.ListRegisters;
using Npgsql;

namespace NixCafe.IntegrationTests.Cluster;

/// <summary>
/// A cluster as production runs it: host processes (the real executable) on one PostgreSQL
/// database and one fake Odoo per version asked for (tenants take turns), plus an in-process
/// host with its scheduler off that plays the cafe admins and the operator through the real HTTP
/// API.
/// </summary>
public sealed class ClusterScenario : IAsyncDisposable
{
    /// <summary>
    /// Each request to Odoo may take this long. Two seconds: a host just restarted on two busy cores
    /// (its peers restarting too) has taken over one on its first requests, and a
    /// timed-out push waits a minute for its retry, far past any step of a test.
    /// </summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Short so a test sees several ticks and lease expiries in seconds; lease ≥ 2 × call timeout, as the host demands.</summary>
    public static readonly TimeSpan Lease = CallTimeout * 2;

    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly CafeAppFixture _admin;
    private readonly bool _ownsAdmin;
    private readonly List<HostProcess> _hosts = [];
    private readonly Dictionary<Guid, (FakeOdooServer Odoo, int Uid)> _odooUsers = [];
    private readonly List<FakeOdooServer> _odoos;
    private int _registerNumber;

    private ClusterScenario(List<FakeOdooServer> odoos, CafeAppFixture admin, bool ownsAdmin)
    {
        _odoos = odoos;
        _admin = admin;
        _ownsAdmin = ownsAdmin;
    }

    /// <summary>The first fake Odoo: the only one unless several versions were asked for.</summary>
    public FakeOdooServer Odoo => _odoos[0];

    public string ConnectionString => _admin.ConnectionString;

    public IReadOnlyList<HostProcess> Hosts
    {
        get
        {
            lock (_hosts)
            {
                return _hosts.ToList();
            }
        }
    }

    /// <summary>Starts the database, the admin host and a fake Odoo of each version (16 alone by default).</summary>
    public static Task<ClusterScenario> StartAsync(params int[] odooVersions) => StartAsync(new CafeAppFixture(), ownsAdmin: true, odooVersions);

    /// <summary>
    /// The same on a database someone else owns and has started, whose admin host is
    /// <paramref name="admin"/> (a PostgreSQL of the test's own that it crashes, say).
    /// </summary>
    public static Task<ClusterScenario> StartOnAsync(CafeAppFixture admin, params int[] odooVersions) => StartAsync(admin, ownsAdmin: false, odooVersions);

    private static async Task<ClusterScenario> StartAsync(CafeAppFixture admin, bool ownsAdmin, int[] odooVersions)
    {
        var odoos = new List<FakeOdooServer>();
        foreach (var version in odooVersions is [] ? [16] : odooVersions)
        {
            odoos.Add(await FakeOdooServer.StartAsync(version: version));
        }

        var scenario = new ClusterScenario(odoos, admin, ownsAdmin);
        if (ownsAdmin)
        {
            await admin.InitializeAsync();
        }

        // A killed host's backend notices its client is gone even while it waits on a lock, and
        // rolls back, as it would when a machine dies mid-transaction.
        var database = new NpgsqlConnectionStringBuilder(scenario.ConnectionString).Database;
        await TestPostgres.ExecuteAsync(scenario.ConnectionString, $"ALTER DATABASE {database} SET client_connection_check_interval = '100ms'");
        return scenario;
    }

    /// <summary>The hosts started and not killed.</summary>
    public IReadOnlyList<HostProcess> LiveHosts => Hosts.Where(host => !host.HasExited).ToList();

    public HostProcess HostNamed(string? name) =>
        Hosts.SingleOrDefault(host => host.Name == name) ?? throw new InvalidOperationException($"No host of this scenario is called '{name}'");

    /// <summary>Switches a tenant's Odoo connection on or off behind the API's back, as a switch the test holds.</summary>
    public Task SetConnectionEnabledAsync(TestTenant tenant, bool enabled) =>
        TestPostgres.ExecuteAsync(ConnectionString, $"UPDATE odoo_sync.tenant_connections SET enabled = {enabled} WHERE tenant_id = '{tenant.Id}'");

    /// <summary>Switches every tenant's Odoo connection on or off at once.</summary>
    public Task SetAllConnectionsEnabledAsync(bool enabled) =>
        TestPostgres.ExecuteAsync(ConnectionString, $"UPDATE odoo_sync.tenant_connections SET enabled = {enabled}");

    /// <summary>
    /// Waits until no host runs a drain of the tenant: neither its own job nor a tick trigger that
    /// carries it (Quartz keeps a running trigger, with the tenant ids it carries, until it ends).
    /// </summary>
    public async Task WaitUntilNoDrainRunsAsync(TestTenant tenant)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await TestPostgres.ScalarAsync<long>(ConnectionString, $"""
                   SELECT count(*) FROM quartz.qrtz_fired_triggers fired
                     LEFT JOIN quartz.qrtz_triggers trigger ON trigger.sched_name = fired.sched_name
                          AND trigger.trigger_name = fired.trigger_name AND trigger.trigger_group = fired.trigger_group
                    WHERE fired.state = 'EXECUTING'
                      AND (fired.job_name = '{tenant.Id}' OR strpos(convert_from(trigger.job_data, 'UTF8'), '{tenant.Id}') > 0)
                   """) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"A drain of tenant {tenant.Id} ran for 30 s");
            await Task.Delay(20);
        }
    }

    /// <summary>The Odoo user the tenant's connection logs in as: each tenant has its own, so a fault can be aimed at one tenant's calls.</summary>
    public int OdooUidOf(TestTenant tenant) => _odooUsers[tenant.Id].Uid;

    /// <summary>The fake Odoo the tenant is connected to.</summary>
    public FakeOdooServer OdooOf(TestTenant tenant) => _odooUsers[tenant.Id].Odoo;

    public async Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["NixCafe:OdooSync:Cron"] = "* * * * * ?",
            ["NixCafe:OdooSync:ClaimLease"] = Lease.ToString(),
            ["NixCafe:OdooSync:CallTimeout"] = CallTimeout.ToString(),
            ["NixCafe:OdooSync:ClusterCheckinInterval"] = "00:00:01",
            ["NixCafe:OdooSync:SchedulerIdleWait"] = "00:00:01",
            ["NixCafe:OperatorKey"] = CafeAppFixture.OperatorKey,
            // The crash tests park a host's statements on the harness's locks for as long as a step takes.
            ["NixCafe:Database:LockTimeout"] = "00:00:00",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var host = HostProcess.Launch(ConnectionString, settings);
        // Known before it is healthy: a starting host may already take part in the cluster.
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>A Pro tenant connected to the next fake Odoo in turn, as an Odoo user of its own.</summary>
    public async Task<TestTenant> ProTenantAsync(string name)
    {
        var tenant = await _admin.CreateTenantAsync("pro", name);
        var login = $"nixcafe-{tenant.Id:N}";
        var apiKey = $"key-{Guid.NewGuid():N}";
        var odoo = _odoos[_odooUsers.Count % _odoos.Count];
        _odooUsers[tenant.Id] = (odoo, odoo.AddUser(login, apiKey));
        var client = _admin.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", CafeAppFixture.OperatorKey);
        var response = await client.PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection",
            new { baseUrl = odoo.BaseUrl.ToString(), database = FakeOdooServer.DatabaseName, login, apiKey });
        response.EnsureSuccessStatusCode();
        return tenant;
    }

    /// <summary>Creates a register with a name unique across the scenario, so the ledger can find duplicates by name.</summary>
    public async Task<Guid> CreateRegisterAsync(TestTenant tenant)
    {
        var name = $"Register {Interlocked.Increment(ref _registerNumber)}";
        var response = await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name });
        return (await response.ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;
    }

    public async Task RenameAsync(TestTenant tenant, Guid registerId) =>
        (await tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{registerId}/name",
            new { name = $"Register {Interlocked.Increment(ref _registerNumber)}" })).EnsureSuccessStatusCode();

    public async Task ToggleActiveAsync(TestTenant tenant, Guid registerId, bool active) =>
        (await tenant.Client.PostAsync($"/api/cafe/settings/registers/{registerId}/{(active ? "deactivate" : "reactivate")}", null)).EnsureSuccessStatusCode();

    /// <summary>A register of the tenant that Odoo already has and no drain holds, with its active flag.</summary>
    public async Task<(Guid Id, bool Active)> SyncedRegisterAsync(TestTenant tenant)
    {
        var rows = await TestPostgres.QueryAsync(ConnectionString, $"""
            SELECT id, is_active FROM cafe.pos_configs
             WHERE tenant_id = '{tenant.Id}' AND sync_state = 'synced' AND claim_token IS NULL
             ORDER BY random() LIMIT 1
            """);
        var row = Assert.Single(rows);
        return ((Guid)row["id"]!, (bool)row["is_active"]!);
    }

    /// <summary>
    /// Waits until every register (of <paramref name="tenant"/> alone, when given: so its next push
    /// carries only what the test changes next) is synced and unclaimed; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> WaitUntilAllSyncedAsync(TimeSpan timeout, TestTenant? tenant = null)
    {
        var waitingRows = "FROM cafe.pos_configs WHERE (sync_state <> 'synced' OR claim_token IS NOT NULL)"
                          + (tenant is null ? "" : $" AND tenant_id = '{tenant.Id}'");
        var started = DateTime.UtcNow;
        while (true)
        {
            var waiting = await TestPostgres.ScalarAsync<long>(ConnectionString, $"SELECT count(*) {waitingRows}");
            if (waiting == 0)
            {
                return DateTime.UtcNow - started;
            }

            if (DateTime.UtcNow - started > timeout)
            {
                var rows = await TestPostgres.QueryAsync(ConnectionString,
                    $"SELECT name, sync_state, odoo_sync_retries, sync_error_message, claimed_by, claimed_until {waitingRows}");
                Assert.Fail($"{waiting} register(s) still not synced after {timeout.TotalSeconds:0} s: "
                            + string.Join("; ", rows.Select(row => string.Join(", ", row.Select(cell => $"{cell.Key}={cell.Value}"))))
                            + "\n--- hosts ---\n" + string.Join("\n---\n", Hosts.Select(host => host.Output)));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The ledger: every register exists in its tenant's Odoo exactly once (by its external id and
    /// by its unique name), Odoo's name and active flag equal NixCafe's, it holds one cash journal
    /// and one cash method made for it alone, and Odoo holds nothing else. Returns every
    /// discrepancy, so a failing test shows them all.
    /// </summary>
    public async Task<List<string>> LedgerDiscrepanciesAsync()
    {
        var registers = await TestPostgres.QueryAsync(ConnectionString, "SELECT id, tenant_id, name, is_active, odoo_pos_config_id FROM cafe.pos_configs");
        var problems = new List<string>();
        foreach (var odoo in _odoos)
        {
            var mine = registers.Where(register => _odooUsers[(Guid)register["tenant_id"]!].Odoo == odoo).ToList();
            problems.AddRange(LedgerDiscrepancies(odoo, mine).Select(problem => $"Odoo {odoo.Version}: {problem}"));
        }

        return problems;
    }

    private static IEnumerable<string> LedgerDiscrepancies(FakeOdooServer odoo, List<Dictionary<string, object?>> registers)
    {
        var records = odoo.PosConfigs;
        var methods = odoo.PaymentMethods;
        foreach (var register in registers)
        {
            var id = (Guid)register["id"]!;
            var name = (string)register["name"]!;
            var named = records.Where(record => record.Name == name).ToList();
            var odooId = odoo.IdOfExternalId(PosConfigPayload.ExternalId(id));
            if (named.Count != 1)
            {
                yield return $"{name}: {named.Count} pos.config(s) carry its name in Odoo";
            }

            if (odooId is null || (int?)register["odoo_pos_config_id"] != odooId)
            {
                yield return $"{name}: NixCafe says pos.config {register["odoo_pos_config_id"]}, Odoo's external id says {odooId}";
                continue;
            }

            var record = records.SingleOrDefault(record => record.Id == odooId);
            if (record is null || record.Name != name || record.Active != (bool)register["is_active"]!)
            {
                yield return $"{name}: Odoo has a different name or active flag";
                continue;
            }

            var ownMethod = odoo.IdOfExternalId(CashMethodPayload.MethodExternalId(id));
            var cashMethods = record.ManyToMany["payment_method_ids"].Where(method => methods.Single(m => m.Id == method).IsCashCount).ToList();
            if (ownMethod is null || cashMethods.Count != 1 || cashMethods[0] != ownMethod)
            {
                yield return $"{name}: its cash methods in Odoo are [{string.Join(", ", cashMethods)}], not its own {ownMethod}";
            }
        }

        // What Odoo started with is the only thing NixCafe did not make: one config, journal and cash method per register.
        if (records.Count != registers.Count + odoo.SeededPosConfigCount)
        {
            yield return $"Odoo holds {records.Count} pos.config(s) for {registers.Count} register(s) and {odoo.SeededPosConfigCount} of its own";
        }

        var cashJournals = odoo.Journals.Count(journal => journal.Type == "cash");
        if (cashJournals != registers.Count + odoo.SeededPosConfigCount)
        {
            yield return $"Odoo holds {cashJournals} cash journal(s) for {registers.Count} register(s) and {odoo.SeededPosConfigCount} of its own configs";
        }

        foreach (var shared in methods.Where(method => method.IsCashCount && records.Count(record => record.ManyToMany["payment_method_ids"].Contains(method.Id)) > 1))
        {
            yield return $"the cash method {shared.Id} sits on several configs";
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        if (_ownsAdmin)
        {
            await _admin.DisposeAsync();
        }

        foreach (var odoo in _odoos)
        {
            await odoo.DisposeAsync();
        }
    }
}
