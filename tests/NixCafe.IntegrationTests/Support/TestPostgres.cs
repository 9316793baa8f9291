using NixCafe.Host.Database;
using Npgsql;

namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// Databases on the one PostgreSQL server of a test process (<see cref="TestPostgresServer"/>:
/// each project that links this file says where that server comes from). Tests get their own
/// databases on it, cloned from a template migrated once, so no test sees another's rows.
/// </summary>
public static class TestPostgres
{
    // One per test assembly: the integration and browser tests run at the same time, and on a
    // shared NIXCAFE_TEST_DATABASE server each drops and re-creates its template at start.
    private static readonly string TemplateName =
        "nixcafe_template_" + typeof(TestPostgres).Assembly.GetName().Name!.Replace("NixCafe.", "", StringComparison.Ordinal).ToLowerInvariant();
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private static readonly Lazy<Task<string>> Server = new(TestPostgresServer.StartAsync);
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
