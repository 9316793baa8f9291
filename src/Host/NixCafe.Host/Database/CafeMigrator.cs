using System.Data;
using System.Reflection;
using FluentMigrator;
using FluentMigrator.Runner;
using FluentMigrator.Runner.Initialization;
using FluentMigrator.Runner.Logging;
using FluentMigrator.Runner.Processors;
using NixCafe.Host.Cli;
using NixCafe.OdooSync;
using NixCafe.Registers;
using NixCafe.Shared.Auditing;
using NixCafe.Tenants;
using Npgsql;

namespace NixCafe.Host.Database;

/// <summary>
/// The one ordered migration history of the whole database, run by FluentMigrator's in-process
/// runner over every module's migrations (versions are timestamps, so modules interleave in the
/// order they were written). Pending migrations go one at a time, each in its own transaction, so
/// a failure names the migration and leaves the database at the last good one.
/// </summary>
internal sealed class CafeMigrator : IAsyncDisposable
{
    /// <summary>The target `--to` takes to undo every migration.</summary>
    public const string Empty = "0";

    /// <summary>The history table of the release before FluentMigrator (EF Core's), adopted on first use.</summary>
    private const string PreviousReleaseHistory = "migrations_history";

    /// <summary>Two hosts migrating at start-up, or an operator's migrate beside one, take turns.</summary>
    private const string LockKey = "hashtext('nixcafe.migrate')";

    private static readonly Assembly[] MigrationAssemblies =
    [
        typeof(CafeMigrator).Assembly,
        typeof(IAuditTrail).Assembly,
        typeof(TenantsModule).Assembly,
        typeof(RegistersModule).Assembly,
        typeof(OdooSyncModule).Assembly,
    ];

    private readonly string _connectionString;
    private readonly ServiceProvider _services;

    public CafeMigrator(string connectionString)
    {
        _connectionString = connectionString;
        _services = RunnerServices(runner => runner.WithGlobalConnectionString(connectionString)).BuildServiceProvider();
        AllMigrations = LoadMigrations(_services);
    }

    public IReadOnlyList<CafeMigration> AllMigrations { get; }

    public Task<IReadOnlyList<MigrationStatus>> ListAsync(CancellationToken cancellationToken) =>
        WithRunnerAsync<IReadOnlyList<MigrationStatus>>((_, applied) =>
            AllMigrations.Select(migration => new MigrationStatus(migration.Id, migration.Description, applied.Contains(migration.Version))).ToList(),
            cancellationToken);

    /// <summary>Applies every pending migration; returns the ids applied (none when up to date).</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) =>
        WithRunnerAsync((runner, applied) => Up(runner, applied, long.MaxValue), cancellationToken);

    /// <summary>Moves down and up to <paramref name="target"/> (a version, an id, a name, or "0"); returns the id reached.</summary>
    public Task<string> MigrateToAsync(string target, CancellationToken cancellationToken)
    {
        var reached = Resolve(target);
        var version = reached?.Version ?? 0;
        return WithRunnerAsync((runner, applied) =>
        {
            Down(runner, applied, version);
            Up(runner, applied, version);
            return reached?.Id ?? Empty;
        }, cancellationToken);
    }

    /// <summary>
    /// The SQL of every migration up to <paramref name="target"/>, from FluentMigrator's
    /// connectionless preview: no database is opened, so the script cannot know what a database
    /// already has, and it leaves out the rows the runner writes to the version table.
    /// </summary>
    public static string Script(string? target)
    {
        using var sql = new StringWriter();
        var services = RunnerServices(runner => runner.AsGlobalPreview())
            .Configure<RunnerOptions>(options => options.NoConnection = true)
            .AddScoped<IProcessorAccessor, ScriptProcessorAccessor>()
            .AddLogging(logging => logging.AddProvider(new SqlScriptFluentMigratorLoggerProvider(sql, new SqlScriptFluentMigratorLoggerOptions { ShowSql = true })));
        using (var provider = services.BuildServiceProvider())
        {
            var migrations = LoadMigrations(provider);
            var version = target is null ? migrations[^1].Version : Resolve(migrations, target)?.Version ?? 0;
            using var scope = provider.CreateScope();
            scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp(version);
        }

        return sql.ToString();
    }

    public CafeMigration? Resolve(string target) => Resolve(AllMigrations, target);

    private static CafeMigration? Resolve(IReadOnlyList<CafeMigration> migrations, string target)
    {
        if (target == Empty)
        {
            return null;
        }

        var matches = migrations
            .Where(migration => migration.Id.Equals(target, StringComparison.OrdinalIgnoreCase)
                                || migration.Name.Equals(target, StringComparison.OrdinalIgnoreCase)
                                || migration.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) == target)
            .ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new CliException($"no migration named '{target}'; 'migrate --list' shows the ids");
    }

    private IReadOnlyList<string> Up(IMigrationRunner runner, HashSet<long> applied, long target)
    {
        var pending = AllMigrations.Where(migration => migration.Version <= target && !applied.Contains(migration.Version)).ToList();
        foreach (var migration in pending)
        {
            Run(migration, () => runner.MigrateUp(migration.Version));
            applied.Add(migration.Version);
        }

        return pending.Select(migration => migration.Id).ToList();
    }

    private void Down(IMigrationRunner runner, HashSet<long> applied, long target)
    {
        foreach (var migration in AllMigrations.Where(migration => migration.Version > target && applied.Contains(migration.Version)).Reverse().ToList())
        {
            // MigrateDown reverts everything above its version: stepping to the next applied
            // migration below reverts this one alone, so a failure names it.
            var below = applied.Where(version => version < migration.Version).DefaultIfEmpty(0).Max();
            Run(migration, () => runner.MigrateDown(Math.Max(below, target)));
            applied.Remove(migration.Version);
        }
    }

    private static void Run(CafeMigration migration, Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception) when (exception is not CliException)
        {
            throw new CliException($"migration {migration.Id} failed: {Reason(exception)}; the database stays at the last migration that succeeded");
        }
    }

    private static string Reason(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException postgres)
            {
                return postgres.MessageText;
            }
        }

        return exception.GetBaseException().Message.Split('\n')[0];
    }

    private async Task<T> WithRunnerAsync<T>(Func<IMigrationRunner, HashSet<long>, T> action, CancellationToken cancellationToken)
    {
        await using var gate = new NpgsqlConnection(_connectionString);
        await gate.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", gate))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            using var scope = _services.CreateScope();
            var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
            var versions = scope.ServiceProvider.GetRequiredService<IVersionLoader>();
            AdoptPreviousReleaseHistory(runner.Processor, versions);
            return action(runner, versions.VersionInfo.AppliedMigrations().ToHashSet());
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", gate);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// A database the release before FluentMigrator migrated keeps its history in EF Core's table,
    /// under the same ids. Every migration listed there is recorded as applied, without running,
    /// and the old table goes, in one transaction: the history stays one, and a database
    /// is either adopted whole or not at all.
    /// </summary>
    private void AdoptPreviousReleaseHistory(IMigrationProcessor processor, IVersionLoader versions)
    {
        if (!processor.TableExists(CafeVersionTable.Schema, PreviousReleaseHistory))
        {
            return;
        }

        var ids = processor.Read($"SELECT \"MigrationId\" FROM {CafeVersionTable.Schema}.{PreviousReleaseHistory}").Tables[0].Rows
            .Cast<DataRow>().Select(row => (string)row[0]).ToList();
        var adopted = ids.Select(id => AllMigrations.FirstOrDefault(migration => migration.Id == id)
                                       ?? throw new CliException($"the database lists migration {id}, which this release does not have; run the release that applied it"))
            .ToList();
        processor.BeginTransaction();
        try
        {
            foreach (var migration in adopted.Where(migration => !versions.VersionInfo.HasAppliedMigration(migration.Version)))
            {
                versions.UpdateVersionInfo(migration.Version, migration.Description);
            }

            processor.Execute($"DROP TABLE {CafeVersionTable.Schema}.{PreviousReleaseHistory}");
            processor.CommitTransaction();
        }
        catch
        {
            processor.RollbackTransaction();
            throw;
        }

        versions.LoadVersionInfo();
    }

    private static IServiceCollection RunnerServices(Action<IMigrationRunnerBuilder> configure) =>
        new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                runner.AddPostgres15_0()
                    .WithVersionTable(new CafeVersionTable())
                    // A backfill over a large orders table takes longer than the 30 s default.
                    .WithGlobalCommandTimeout(TimeSpan.FromHours(1))
                    .ScanIn(MigrationAssemblies).For.Migrations();
                configure(runner);
            });

    private static IReadOnlyList<CafeMigration> LoadMigrations(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IMigrationInformationLoader>().LoadMigrations()
            .Select(entry => new CafeMigration(entry.Key, NameOf(entry.Value.Migration.GetType(), entry.Key), entry.Value.Description))
            .OrderBy(migration => migration.Version)
            .ToList();
    }

    /// <summary><c>M20261121090000_TenantApiKeys</c> → <c>TenantApiKeys</c>; a class named otherwise is refused.</summary>
    private static string NameOf(Type migration, long version)
    {
        var prefix = $"M{version}_";
        return migration.Name.StartsWith(prefix, StringComparison.Ordinal)
            ? migration.Name[prefix.Length..]
            : throw new InvalidOperationException($"{migration.FullName} must be named {prefix}<WhatItDoes>: the name is part of the migration's id");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
