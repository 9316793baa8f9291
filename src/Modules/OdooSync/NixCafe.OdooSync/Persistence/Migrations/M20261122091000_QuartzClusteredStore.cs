using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Quartz's PostgreSQL job store, in a schema of its own, so the hosts of a cluster share one
/// schedule. The tables come from the DDL the pinned Quartz ships for its own version, so the
/// schema is exactly the one it validates at start-up; the `migrate` verb stays the one place the
/// database changes (the hosts never create tables). A Quartz upgrade that adds columns fails that
/// validation with the list of changes, which then become a new migration.
/// </summary>
[Migration(20261122091000, "Quartz's clustered job store")]
public sealed class M20261122091000_QuartzClusteredStore : Migration
{
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public override void Up()
    {
        Create.Schema("quartz");
        foreach (var statement in QuartzStatements())
        {
            Execute.Sql(statement);
        }
    }

    public override void Down() => Execute.Sql("DROP SCHEMA quartz CASCADE;");

    /// <summary>The script's statements, split where Quartz splits them, for the table prefix the host configures.</summary>
    private static IEnumerable<string> QuartzStatements()
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new InvalidOperationException($"The Quartz assembly no longer ships {Resource}; write this schema by hand.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd()
            .Replace("{0}", QuartzSchema.TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", QuartzSchema.TablePrefix[(QuartzSchema.TablePrefix.IndexOf('.') + 1)..], StringComparison.Ordinal);
        return script.Split("\n--;;", StringSplitOptions.RemoveEmptyEntries)
            .Select(piece => string.Join('\n', piece.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(statement => statement.Length > 0);
    }
}
