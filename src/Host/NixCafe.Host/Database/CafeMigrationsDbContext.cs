using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NixCafe.Host.Database;

/// <summary>
/// Owns the one ordered migration history of the whole database and nothing else: it maps no
/// entities (each module's DbContext maps what it owns), so EF never diffs a model against the
/// hand-written migrations.
/// </summary>
internal sealed class CafeMigrationsDbContext(DbContextOptions<CafeMigrationsDbContext> options) : DbContext(options)
{
    public const string HistorySchema = "nixcafe";
    public const string HistoryTable = "migrations_history";

    public static CafeMigrationsDbContext Create(string connectionString) =>
        new(new DbContextOptionsBuilder<CafeMigrationsDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(HistoryTable, HistorySchema))
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);
}
