using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NixCafe.FakeOdoo;
using NixCafe.Host;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.ManageConnection;
using NixCafe.Tenants.Features.AddShop;
using NixCafe.Tenants.Features.AddTenant;
using NixCafe.Tenants.Features.IssueApiKey;
using Npgsql;

namespace NixCafe.Benchmarks;

/// <summary>
/// A freshly migrated database on a throw-away embedded PostgreSQL (not the tests' containers), with the host's own
/// use cases in-process (scheduler off) to set it up as the operator would: tenants, shops, keys
/// and Odoo connections go through the real commands, so keys are encrypted by the real key ring.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string OperatorKey = "bench-operator-key-0123456789";

    /// <summary>The hosts' young generation: 64 MiB, as <c>build/run.sh</c> starts the host.</summary>
    public const string HostGen0SizeSetting = "DOTNET_GCgen0size";

    public const string HostGen0Size = "0x4000000";

    /// <summary>Loopback addresses given to tenants so far (<see cref="AddProTenantsAsync"/>).</summary>
    private int _servers;

    private BenchDatabase(string connectionString, WebApplication admin)
    {
        ConnectionString = connectionString;
        Admin = admin;
    }

    public string ConnectionString { get; }

    /// <summary>The host's services without its HTTP server or scheduler.</summary>
    public WebApplication Admin { get; }

    public static async Task<BenchDatabase> CreateAsync()
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync();
        var admin = CafeWebApp.Build(["--NixCafe:OdooSync:SchedulerEnabled=false"], connectionString,
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        return new BenchDatabase(connectionString, admin);
    }

    public async Task<TResult> SendAsync<TResult>(IRequest<TResult> request)
    {
        await using var scope = Admin.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>
    /// Pro tenants, each connected to the fake Odoo as a user of its own (its own key, its own
    /// uid), so no tenant profits from another's login or <c>fields_get</c>, as on real Odoos.
    /// </summary>
    /// <remarks>
    /// With <paramref name="serverOfItsOwn"/> each tenant's base URL is an address of its own on a
    /// fake started on every loopback address, as real tenants each have their own Odoo server.
    /// </remarks>
    public async Task<List<BenchTenant>> AddProTenantsAsync(FakeOdooServer odoo, int count, bool withApiKeys, bool serverOfItsOwn = false)
    {
        var tenants = new BenchTenant[count];
        var firstServer = _servers;
        _servers += count;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (index, _) =>
        {
            var baseUrl = serverOfItsOwn ? odoo.BaseUrlAt(firstServer + index) : odoo.BaseUrl;
            var tenantId = await SendAsync(new AddTenantCommand($"Bench cafe {index + 1}", "pro"));
            var shopId = await SendAsync(new AddShopCommand(tenantId, "Main Street"));
            var login = $"nixcafe-{tenantId:N}";
            var odooKey = $"odoo-key-{Guid.NewGuid():N}";
            odoo.AddUser(login, odooKey);
            await SendAsync(new SetOdooConnectionCommand(tenantId, baseUrl.ToString(), FakeOdooServer.DatabaseName, login, odooKey));
            var apiKey = withApiKeys ? (await SendAsync(new IssueApiKeyCommand(tenantId))).Key : null;
            tenants[index] = new BenchTenant(tenantId, shopId, apiKey);
        });
        return [.. tenants];
    }

    /// <summary>
    /// Registers waiting for their create, as <paramref name="perTenant"/> creates in each tenant
    /// leave them, written in one statement: through the API each would start a drain at once.
    /// </summary>
    public Task AddPendingCreatesAsync(IReadOnlyList<BenchTenant> tenants, int perTenant) =>
        ExecuteAsync("""
            INSERT INTO cafe.pos_configs (tenant_id, shop_id, name, sync_state, odoo_queued_at)
            SELECT t.tenant_id, t.shop_id, 'Register ' || n, 'pending_create', now()
              FROM unnest(@tenants, @shops) AS t (tenant_id, shop_id), generate_series(1, @perTenant) AS n
            """,
            new NpgsqlParameter("tenants", tenants.Select(tenant => tenant.Id).ToArray()),
            new NpgsqlParameter("shops", tenants.Select(tenant => tenant.ShopId).ToArray()),
            new NpgsqlParameter("perTenant", perTenant));

    /// <summary>Registers not yet synced, or still claimed by a drain.</summary>
    public async Task<long> UnsyncedAsync() =>
        await TestPostgres.ScalarAsync<long>(ConnectionString, "SELECT count(*) FROM cafe.pos_configs WHERE sync_state <> 'synced' OR claim_token IS NOT NULL");

    /// <summary>Tenants with a claim held right now: drains between their claim and its release.</summary>
    public async Task<long> TenantsDrainingAsync() =>
        await TestPostgres.ScalarAsync<long>(ConnectionString, "SELECT count(DISTINCT tenant_id) FROM cafe.pos_configs WHERE claim_token IS NOT NULL");

    /// <summary>
    /// CPU time of this database's PostgreSQL server (its postmaster found through a backend's
    /// parent), or of every PostgreSQL process on the machine when the server is not a local
    /// process; and, of it, what the backends serving this benchmark's own connections used (its
    /// polling is the benchmark's work, not the host's).
    /// </summary>
    public async Task<(TimeSpan Server, TimeSpan Benchmark)> ServerCpuTimeAsync()
    {
        // The backend is read while its connection is open: it exits when the connection closes.
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name NOT LIKE 'nixcafe %'", connection);
        var ours = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ours.Add(reader.GetInt32(0));
            }
        }

        var benchmark = ours.Select(pid => ProcessStats.PostgresParentOf(pid) is null ? TimeSpan.Zero : ProcessStats.CpuTime(pid)).Aggregate(TimeSpan.Zero, (sum, time) => sum + time);
        return ProcessStats.PostgresParentOf(connection.ProcessID) is { } postmaster
            ? (ProcessStats.ServerCpuTime(postmaster), benchmark)
            : (ProcessStats.PostgresCpuTime(), benchmark);
    }

    /// <summary>Runs setup SQL; loading a million rows takes longer than Npgsql's default 30 s command timeout allows.</summary>
    public Task ExecuteAsync(string sql, params NpgsqlParameter[] parameters) =>
        TestPostgres.ExecuteAsync(new NpgsqlConnectionStringBuilder(ConnectionString) { CommandTimeout = 600 }.ConnectionString, sql, parameters);

    /// <summary>
    /// Starts the real host executable on this database with its scheduler on and its one clustered
    /// tick due at a known moment (in a second ~<paramref name="lead"/> from now), so a benchmark
    /// can time a tick from the moment it fires.
    /// </summary>
    public async Task<(HostProcess Host, DateTimeOffset TickAt)> StartHostTickingAtAsync(TimeSpan lead, IReadOnlyDictionary<string, string>? settings = null)
    {
        // Quartz reads cron in the host's local time zone, which is this process's.
        var tickAt = DateTimeOffset.Now.Add(lead);
        tickAt = new DateTimeOffset(tickAt.Year, tickAt.Month, tickAt.Day, tickAt.Hour, tickAt.Minute, tickAt.Second, tickAt.Offset).AddSeconds(1);
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["NixCafe:OdooSync:Cron"] = $"{tickAt.Second} {tickAt.Minute} {tickAt.Hour} {tickAt.Day} {tickAt.Month} ? {tickAt.Year}",
        };
        var host = await StartHostAsync(all);
        if (DateTimeOffset.Now > tickAt - TimeSpan.FromSeconds(1))
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"The host took longer than {lead.TotalSeconds:0} s to start, so it missed the tick the benchmark set");
        }

        return (host, tickAt);
    }

    public async Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["NixCafe:OperatorKey"] = OperatorKey,
            ["NixCafe:Limits:PermitsPerWindow"] = "1000000",
        };
        // Not the hourly drift check (`0 0 * * * ?`): fired during a measurement, it checks every
        // tenant's registers in Odoo beside the pushes, and its calls and CPU count as theirs. The
        // drift benchmark runs its check itself.
        all.TryAdd("NixCafe:OdooSync:DriftCheckCron", "0 0 0 1 1 ? 2099");
        // Started as README's configuration says and build/run.sh does: the runtime reads it from the environment only.
        all.TryAdd(HostGen0SizeSetting, HostGen0Size);
        var host = HostProcess.Launch(ConnectionString, all);
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>
    /// Polls until every register is synced and unclaimed; returns when that was first seen.
    /// <paramref name="sample"/>, when given, runs at every poll (e.g. to count drains in flight).
    /// </summary>
    public async Task<DateTimeOffset> WaitUntilAllSyncedAsync(TimeSpan timeout, Func<Task>? sample = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (await UnsyncedAsync() is var left && left > 0)
        {
            if (sample is not null)
            {
                await sample();
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{left} register(s) were still not synced after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }

        return DateTimeOffset.UtcNow;
    }

    public async ValueTask DisposeAsync() => await Admin.DisposeAsync();
}
