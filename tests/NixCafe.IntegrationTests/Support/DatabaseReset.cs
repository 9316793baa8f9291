using Npgsql;

namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// Respawn does not restore here (packages.md): this empties every table of the application
/// schemas with one TRUNCATE built once from the catalog, leaving the migration history, any
/// scheduler tables and the Data Protection key ring alone, so each test starts from a clean
/// migrated database. The running host caches the key ring: emptying it under the host would
/// leave data encrypted with a key the store no longer has once the host reloads its ring.
/// </summary>
public sealed class DatabaseReset
{
    private static readonly string[] KeptTables = ["nixcafe.version_info", "odoo_sync.data_protection_keys"];
    private readonly string _connectionString;
    private string? _truncate;

    public DatabaseReset(string connectionString) => _connectionString = connectionString;

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        _truncate ??= await BuildTruncateAsync(connection);
        if (_truncate.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(_truncate, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> BuildTruncateAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)
              FROM information_schema.tables
             WHERE table_type = 'BASE TABLE'
               AND table_schema NOT IN ('pg_catalog', 'information_schema')
             ORDER BY 1
            """, connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!KeptTables.Contains(table) && !table.StartsWith("quartz.", StringComparison.Ordinal))
                {
                    tables.Add(table);
                }
            }
        }

        return tables.Count == 0 ? "" : $"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE";
    }
}
