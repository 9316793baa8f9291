using NixCafe.Host.Cli;
using NixCafe.Shared.Postgres;
using Npgsql;

namespace NixCafe.Host.Database;

/// <summary>A connection string and, when NixCafe started the server itself, the server to stop.</summary>
internal sealed class CafeDatabase(string connectionString, EmbeddedPostgres? embedded) : IAsyncDisposable
{
    public const string DatabaseName = "nixcafe";

    public string ConnectionString { get; } = connectionString;

    public bool IsEmbedded => embedded is not null;

    /// <summary>
    /// Uses <c>ConnectionStrings:Cafe</c> when it is set; otherwise, only when
    /// <c>NixCafe:DataDirectory</c> asks for it, starts (or restarts) a private cluster there, whose
    /// data outlives the process. A production host whose connection string was lost must not
    /// quietly start an empty database of its own: with neither setting it refuses to start.
    /// </summary>
    public static async Task<CafeDatabase> OpenAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString("Cafe");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new CafeDatabase(Validate(configured), embedded: null);
        }

        var root = configuration["NixCafe:DataDirectory"] is { Length: > 0 } directory
            ? directory
            : throw new CliException("no database is configured: set ConnectionStrings:Cafe, or NixCafe:DataDirectory for a private PostgreSQL kept in that directory");
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(Path.GetFullPath(root), Temporary: false), cancellationToken);
        await CreateDatabaseIfMissingAsync(server.ConnectionString, DatabaseName, cancellationToken);
        return new CafeDatabase(server.ConnectionStringFor(DatabaseName), server);
    }

    private static string Validate(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException exception)
        {
            // Npgsql names the offending keyword, never the value: safe to show.
            throw new CliException($"ConnectionStrings:Cafe is not a valid PostgreSQL connection string: {exception.Message}");
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(string serverConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (embedded is not null)
        {
            await embedded.DisposeAsync();
        }
    }
}
