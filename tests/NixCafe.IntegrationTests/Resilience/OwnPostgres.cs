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
    private readonly string _root;

    private OwnPostgres(EmbeddedPostgres server, string root, string connectionString, AdminHost admin)
    {
        _server = server;
        _root = root;
        ConnectionString = connectionString;
        Admin = admin;
    }

    public string ConnectionString { get; }

    /// <summary>Creates tenants through the real commands; it shares the outage with the host under test.</summary>
    public AdminHost Admin { get; }

    public int Port => new NpgsqlConnectionStringBuilder(ConnectionString).Port;

    public static async Task<OwnPostgres> StartAsync(int maxConnections = 200) => await StartAsync(maxConnections, copyOf: null);

    /// <summary>A second server holding what <paramref name="source"/> holds now (a dump restored), as a replica would.</summary>
    public static Task<OwnPostgres> StartCopyOfAsync(OwnPostgres source) => StartAsync(200, source);

    private static async Task<OwnPostgres> StartAsync(int maxConnections, OwnPostgres? copyOf)
    {
        var root = Path.Combine(Path.GetTempPath(), $"nixcafe-own-pg-{Guid.NewGuid():N}");
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(root, Temporary: true)
        {
            // A throw-away cluster skips fsync and commits asynchronously: a crash then loses commits
            // the host was told had landed (a 201 with nothing stored). These tests crash it, so it runs as production does.
            Durable = true,
            MaxConnections = maxConnections,
        });
        await TestPostgres.ExecuteAsync(server.ConnectionString, "CREATE DATABASE nixcafe");
        var connectionString = server.ConnectionStringFor("nixcafe");
        if (copyOf is not null)
        {
            await CopyAsync(copyOf.ConnectionString, connectionString);
            // A replica has its primary's roles: one connection string, with one password, serves both.
            var password = new NpgsqlConnectionStringBuilder(copyOf.ConnectionString).Password!;
            await TestPostgres.ExecuteAsync(connectionString, $"ALTER ROLE postgres PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'");
            NpgsqlConnection.ClearAllPools();
            connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Password = password }.ConnectionString;
            var copyAdmin = new AdminHost(connectionString);
            await copyAdmin.InitializeAsync();
            return new OwnPostgres(server, root, connectionString, copyAdmin);
        }

        await using (var migrator = new CafeMigrator(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await migrator.MigrateAsync(CancellationToken.None);
        }

        var admin = new AdminHost(connectionString);
        await admin.InitializeAsync();
        return new OwnPostgres(server, root, connectionString, admin);
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: every connection cut, no checkpoint, crash recovery at the next start.</summary>
    public Task CrashAsync() => _server.CrashAsync();

    /// <summary>SIGKILL to the postmaster (no shutdown at all); returns once its backends have exited too.</summary>
    public Task KillAsync() => _server.KillAsync();

    /// <summary>Starts the server again on the same port; returns once it accepts connections.</summary>
    public Task StartAgainAsync() => _server.StartAgainAsync();

    /// <summary>
    /// Starts the stopped server again as a standby (<c>standby.signal</c>, no primary to follow), as
    /// a failover tool brings back an old primary: it accepts read-only sessions and is in recovery,
    /// so <c>Target Session Attributes=primary</c> skips it.
    /// </summary>
    public async Task StartAgainAsStandbyAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "data", "standby.signal"), "");
        await _server.StartAgainAsync();
    }

    private static async Task CopyAsync(string from, string to)
    {
        var source = new NpgsqlConnectionStringBuilder(from);
        var target = new NpgsqlConnectionStringBuilder(to);
        var bin = EmbeddedPostgres.FindServerBinaries();
        var dump = Path.Combine(Path.GetTempPath(), $"nixcafe-copy-{Guid.NewGuid():N}.sql");
        try
        {
            await RunAsync(Path.Combine(bin, "pg_dump"), source, ["--no-owner", "-f", dump]);
            await RunAsync(Path.Combine(bin, "psql"), target, ["-q", "-v", "ON_ERROR_STOP=1", "-f", dump]);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static async Task RunAsync(string tool, NpgsqlConnectionStringBuilder connection, string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment = { ["PGPASSWORD"] = connection.Password },
        };
        foreach (var argument in (string[])["-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", connection.Username!, "-d", connection.Database!, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed ({process.ExitCode}): {error}");
        }
    }

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
