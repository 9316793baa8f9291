using Npgsql;
using Respawn;
using Respawn.Graph;

namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// Empties every application table between tests (Respawn: one TRUNCATE … CASCADE over the tables
/// it found when first called), so each test starts from a clean migrated database. It keeps the
/// migration bookkeeping (all of schema nixcafe), the scheduler's tables and the Data Protection
/// key ring: the running host caches the ring, and emptying it under the host would leave data
/// encrypted with a key the store no longer has once the host reloads its ring.
/// </summary>
public sealed class DatabaseReset(string connectionString)
{
    private static readonly RespawnerOptions Options = new()
    {
        DbAdapter = DbAdapter.Postgres,
        SchemasToExclude = ["nixcafe", "quartz"],
        TablesToIgnore = [new Table("odoo_sync", "data_protection_keys")],
    };

    private Respawner? _respawner;

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, Options);
        await _respawner.ResetAsync(connection);
    }
}
