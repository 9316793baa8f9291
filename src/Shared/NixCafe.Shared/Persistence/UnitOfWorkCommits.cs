using Npgsql;

namespace NixCafe.Shared.Persistence;

/// <summary>
/// The commit markers of <c>audit.unit_of_work_commits</c>. A unit of work inserts its marker in
/// its own transaction, so the marker exists exactly when that transaction committed; all of a
/// command's attempts share one marker id, so a retry that raced a slow commit of an earlier
/// attempt fails on the key (waiting for that commit first) instead of applying the command again.
/// </summary>
public static class UnitOfWorkCommits
{
    /// <summary>How long a marker is kept: far longer than any command's retries.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    public static async Task MarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("INSERT INTO audit.unit_of_work_commits (id) VALUES ($1)", connection, transaction);
        command.Parameters.AddWithValue(id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether the marker's transaction committed, read on a connection of its own.</summary>
    public static async Task<bool> CommittedAsync(NpgsqlDataSource dataSource, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM audit.unit_of_work_commits WHERE id = $1)");
        command.Parameters.AddWithValue(id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Deletes the markers older than <see cref="KeptFor"/>: a key range, since the ids are UUIDv7.</summary>
    public static async Task<int> SweepAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM audit.unit_of_work_commits WHERE id < $1");
        command.Parameters.AddWithValue(Guid.CreateVersion7(now - KeptFor));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
