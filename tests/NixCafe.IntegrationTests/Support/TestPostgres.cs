using NixCafe.Host.Database;
using NixCafe.Shared.Postgres;
using Npgsql;

namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// The one PostgreSQL server of a test run: the server named by NIXCAFE_TEST_DATABASE (a
/// connection string whose user may create databases), or else a private throw-away cluster from
/// the same embedded helper the host uses. Tests get their own databases on it, cloned from a
/// template migrated once, so no test sees another's rows.
/// </summary>
public static class TestPostgres
{
    // One per test assembly: the integration and browser tests run at the same time, and on a
    // shared NIXCAFE_TEST_DATABASE server each drops and re-creates its template at start.
    private static readonly string TemplateName =
        "nixcafe_template_" + typeof(TestPostgres).Assembly.GetName().Name!.Replace("NixCafe.", "", StringComparison.Ordinal).ToLowerInvariant();
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private static readonly Lazy<Task<string>> Server = new(StartServerAsync);
    private static readonly Lazy<Task> Template = new(CreateTemplateAsync);

    /// <summary>Connection string to the server's maintenance database.</summary>
    public static Task<string> ServerConnectionStringAsync() => Server.Value;

    /// <summary>A new, empty database (no migrations applied).</summary>
    public static async Task<string> CreateEmptyDatabaseAsync() => await CreateDatabaseAsync(template: null);

    /// <summary>A new database with every migration applied, cloned from the migrated template.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync()
    {
        await Template.Value;
        return await CreateDatabaseAsync(TemplateName);
    }

    private static async Task<string> CreateDatabaseAsync(string? template)
    {
        var server = await Server.Value;
        var name = $"nixcafe_test_{Guid.NewGuid():N}"[..30];
        // CREATE DATABASE ... TEMPLATE needs the template to have no other session: clone one at a time.
        await CloneLock.WaitAsync();
        try
        {
            await ExecuteAsync(server, template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}");
        }
        finally
        {
            CloneLock.Release();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task CreateTemplateAsync()
    {
        var server = await Server.Value;
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
        await ExecuteAsync(server, $"CREATE DATABASE {TemplateName}");
        var templateConnection = new NpgsqlConnectionStringBuilder(server) { Database = TemplateName, Pooling = false }.ConnectionString;
        await using (var migrator = new CafeMigrator(templateConnection))
        {
            await migrator.MigrateAsync(CancellationToken.None);
        }

        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<string> StartServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable("NIXCAFE_TEST_DATABASE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        RemoveClustersOfFinishedRuns();
        var root = Path.Combine(Path.GetTempPath(), $"{ClusterDirectoryPrefix}{Environment.ProcessId}");
        var embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(root, Temporary: true) { MaxConnections = 300 });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => embedded.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return embedded.ConnectionString;
    }

    private const string ClusterDirectoryPrefix = "nixcafe-test-pg-";

    /// <summary>
    /// A run's cluster is stopped at process exit, but the runtime may end the process before the
    /// directory is deleted: each run removes what finished runs left behind. The integration and
    /// browser test processes start together and may both sweep the same leftover, so removal is
    /// best effort: whatever one of them cannot delete, the other or the next run does.
    /// </summary>
    private static void RemoveClustersOfFinishedRuns()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), ClusterDirectoryPrefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(directory)[ClusterDirectoryPrefix.Length..], out var pid) && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Another run is deleting it at the same moment, or it is not ours to delete.
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    public static async Task<List<Dictionary<string, object?>>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
