using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace NixCafe.Host.Database.Migrations;

/// <summary>
/// Quartz's PostgreSQL job store, in a schema of its own, so the hosts of a cluster share one
/// schedule. The tables come from the DDL the pinned Quartz ships for its own version, so the
/// schema is exactly the one it validates at start-up; the `migrate` verb stays the one place the
/// database changes (the hosts never create tables). A Quartz upgrade that adds columns fails that
/// validation with the list of changes, which then become a new migration.
/// </summary>
[DbContext(typeof(CafeMigrationsDbContext))]
[Migration("20261122091000_QuartzClusteredStore")]
internal sealed class QuartzClusteredStore : Migration
{
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE SCHEMA quartz;");
        foreach (var statement in QuartzStatements())
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("DROP SCHEMA quartz CASCADE;");

    /// <summary>The script's statements, split where Quartz splits them, for the table prefix the host configures.</summary>
    private static IEnumerable<string> QuartzStatements()
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"The Quartz assembly no longer ships {Resource}; write this schema by hand.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd()
            .Replace("{0}", OdooSync.OdooSyncModule.QuartzTablePrefix, StringComparison.Ordinal)
            .Replace("{1}", OdooSync.OdooSyncModule.QuartzTablePrefix[(OdooSync.OdooSyncModule.QuartzTablePrefix.IndexOf('.') + 1)..], StringComparison.Ordinal);
        return script.Split("\n--;;", StringSplitOptions.RemoveEmptyEntries)
            .Select(piece => string.Join('\n', piece.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(statement => statement.Length > 0);
    }
}
