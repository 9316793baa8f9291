using System.CommandLine;
using NixCafe.Host.Cli;
using NixCafe.Host.Database;

namespace NixCafe.Host;

/// <summary>
/// The host's verbs: <c>serve</c> (the default) runs the HTTP host; <c>migrate</c> manages the schema.
/// Every failure ends as one line on stderr and a non-zero exit code.
/// </summary>
public static class CafeCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("NixCafe: cafe registers and their Odoo sync.");
        var serve = new Command("serve", "Run the HTTP host (the default). Other arguments go to ASP.NET Core, e.g. --urls.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((result, cancellationToken) => Guard(() => ServeAsync(result.UnmatchedTokens.ToArray(), cancellationToken)));
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand());
        foreach (var command in OperatorCli.Commands())
        {
            root.Subcommands.Add(command);
        }

        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, cancellationToken) => Guard(() => ServeAsync(result.UnmatchedTokens.ToArray(), cancellationToken)));
        return root;
    }

    private static Command MigrateCommand()
    {
        var to = new Option<string>("--to") { Description = "Move up or down to this migration (its id, its name, or 0 for none)." };
        var list = new Option<bool>("--list") { Description = "List the migrations, applied and pending." };
        var script = new Option<bool>("--script") { Description = "Print the SQL of the migrations (up to --to) without touching the database." };
        var migrate = new Command("migrate", "Apply the pending schema and index migrations.") { to, list, script };
        migrate.SetAction((result, cancellationToken) => Guard(() => MigrateAsync(result.GetValue(to), result.GetValue(list), result.GetValue(script), cancellationToken)));
        return migrate;
    }

    private static async Task<int> MigrateAsync(string? to, bool list, bool script, CancellationToken cancellationToken)
    {
        if (script)
        {
            Console.Out.Write(CafeMigrator.Script(to));
            return 0;
        }

        await using var database = await CafeDatabase.OpenAsync(CafeConfiguration.Load(), cancellationToken);
        await using var migrator = new CafeMigrator(database.ConnectionString);
        if (list)
        {
            foreach (var migration in await migrator.ListAsync(cancellationToken))
            {
                Console.Out.WriteLine($"{(migration.Applied ? "applied" : "pending"),-8} {migration.Id,-46} {migration.Description}");
            }

            return 0;
        }

        if (to is not null)
        {
            var reached = await migrator.MigrateToAsync(to, cancellationToken);
            Console.Out.WriteLine(reached == CafeMigrator.Empty ? "Every migration is reverted." : $"The database is at {reached}.");
            return 0;
        }

        var applied = await migrator.MigrateAsync(cancellationToken);
        Console.Out.WriteLine(applied.Count == 0
            ? "The database is up to date."
            : $"Applied {applied.Count} migration(s):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", applied)}");
        return 0;
    }

    private static async Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var database = await CafeDatabase.OpenAsync(CafeConfiguration.Load(args), cancellationToken);
        var app = CafeWebApp.Build(args, database.ConnectionString);
        if (database.IsEmbedded)
        {
            app.Logger.LogInformation("Using the embedded PostgreSQL under NixCafe:DataDirectory (set ConnectionStrings:Cafe to use another server)");
        }

        await CafeWebApp.MigrateIfConfiguredAsync(app, database.ConnectionString, cancellationToken);
        await DemoData.SeedAsync(app, cancellationToken);
        // A signal's handlers run one after another in no set order, and System.CommandLine's waits for
        // this verb to end: its token must stop the host, not the console lifetime's handler alone.
        await app.RunAsync(cancellationToken);
        return 0;
    }

    internal static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("nixcafe: cancelled");
            return 130;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"nixcafe: error: {CliException.Describe(exception)}");
            return 1;
        }
    }
}
