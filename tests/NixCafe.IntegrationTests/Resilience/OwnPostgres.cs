using NixCafe.Host.Database;
using NixCafe.IntegrationTests.Support;
using NixCafe.Shared.Postgres;
using Npgsql;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// A PostgreSQL of the test's own that it may crash and start again, never the suite's shared
/// server (stopping that would break the tests running beside it). It runs the machine's native
/// server binaries as <see cref="EmbeddedPostgres"/> does, not a container: a restarted container
/// gets a new host port unless bound to a fixed one and its PostgreSQL is its PID 1, whereas
/// <c>pg_ctl</c> stops and starts the same cluster on the same port, so the host under test keeps
/// its connection string, as it would across a production restart. Holds a migrated database and
/// an in-process admin host that creates tenants.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgres _server;

    private OwnPostgres(EmbeddedPostgres server, string connectionString, AdminHost admin)
    {
        _server = server;
        ConnectionString = connectionString;
        Admin = admin;
    }

    public string ConnectionString { get; }

    /// <summary>Creates tenants through the real commands; it shares the outage with the host under test.</summary>
    public AdminHost Admin { get; }

    public static async Task<OwnPostgres> StartAsync(int maxConnections = 200)
    {
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(
            Path.Combine(Path.GetTempPath(), $"nixcafe-own-pg-{Guid.NewGuid():N}"), Temporary: true)
        {
            // A throw-away cluster skips fsync and commits asynchronously: a crash then loses commits
            // the host was told had landed (a 201 with nothing stored). These tests crash it, so it runs as production does.
            Durable = true,
            MaxConnections = maxConnections,
        });
        await TestPostgres.ExecuteAsync(server.ConnectionString, "CREATE DATABASE nixcafe");
        var connectionString = server.ConnectionStringFor("nixcafe");
        await using (var migrator = new CafeMigrator(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await migrator.MigrateAsync(CancellationToken.None);
        }

        var admin = new AdminHost(connectionString);
        await admin.InitializeAsync();
        return new OwnPostgres(server, connectionString, admin);
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: every connection cut, no checkpoint, crash recovery at the next start.</summary>
    public Task CrashAsync() => _server.CrashAsync();

    /// <summary>SIGKILL to the postmaster (no shutdown at all); returns once its backends have exited too.</summary>
    public Task KillAsync() => _server.KillAsync();

    /// <summary>Starts the server again on the same port; returns once it accepts connections.</summary>
    public Task StartAgainAsync() => _server.StartAgainAsync();

    public async ValueTask DisposeAsync()
    {
        await Admin.DisposeAsync();
        await _server.DisposeAsync();
    }

    /// <summary>The in-process admin host on this server's database.</summary>
    public sealed class AdminHost(string connectionString) : CafeAppFixture
    {
        protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);
    }
}
