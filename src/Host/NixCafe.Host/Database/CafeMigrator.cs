using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database;

internal sealed record MigrationStatus(string Id, bool Applied);

/// <summary>
/// Applies the migration history. Pending migrations go one at a time, each in its own
/// transaction, so a failure names the migration and leaves the database at the last good one.
/// </summary>
internal sealed class CafeMigrator(string connectionString) : IAsyncDisposable
{
    /// <summary>The id `--to` takes to undo every migration.</summary>
    public const string Empty = "0";

    private readonly CafeMigrationsDbContext _context = CafeMigrationsDbContext.Create(connectionString);

    private IMigrator Migrator => _context.GetService<IMigrator>();

    public IReadOnlyList<string> AllMigrations => _context.Database.GetMigrations().ToList();

    public async Task<IReadOnlyList<MigrationStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var applied = (await _context.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet();
        return AllMigrations.Select(id => new MigrationStatus(id, applied.Contains(id))).ToList();
    }

    /// <summary>Applies every pending migration; returns the ids applied (none when up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await _context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        foreach (var id in pending)
        {
            await ApplyAsync(id, cancellationToken);
        }

        return pending;
    }

    /// <summary>Moves up or down to <paramref name="target"/> (a full id, its name part, or "0").</summary>
    public async Task<string> MigrateToAsync(string target, CancellationToken cancellationToken)
    {
        var id = Resolve(target);
        // Upward, one migration at a time so that a failure names the migration; downward, EF
        // reverts each later migration in its own transaction.
        var pending = await _context.Database.GetPendingMigrationsAsync(cancellationToken);
        foreach (var migration in pending.Where(migration => id != Empty && string.CompareOrdinal(migration, id) <= 0))
        {
            await ApplyAsync(migration, cancellationToken);
        }

        await ApplyAsync(id, cancellationToken);
        return id;
    }

    public string Script(string? target)
    {
        var to = target is null ? null : Resolve(target);
        return Migrator.GenerateScript(fromMigration: null, toMigration: to);
    }

    public string Resolve(string target)
    {
        if (target == Empty)
        {
            return Empty;
        }

        var matches = AllMigrations
            .Where(id => id.Equals(target, StringComparison.OrdinalIgnoreCase)
                         || id[(id.IndexOf('_') + 1)..].Equals(target, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new CliException($"no migration named '{target}'; 'migrate --list' shows the ids");
    }

    private async Task ApplyAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await Migrator.MigrateAsync(id, cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.PostgresException or InvalidOperationException)
        {
            throw new CliException($"migration {id} failed: {exception.Message.Split('\n')[0]}; the database stays at the last migration that succeeded");
        }
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
