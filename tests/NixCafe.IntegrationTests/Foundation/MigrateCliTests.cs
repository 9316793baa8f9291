using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Foundation;

/// <summary>The migrate verbs as an operator runs them: the real host executable in its own process.</summary>
public sealed class MigrateCliTests
{
    [Fact]
    public async Task Migrate_applies_everything_once_and_then_reports_up_to_date()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();

        var first = await HostCli.RunAsync(db, "migrate");
        var second = await HostCli.RunAsync(db, "migrate");
        var list = await HostCli.RunAsync(db, "migrate", "--list");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("20260515090000_SyncStateCheck", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("The database is up to date.", second.Output);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(23, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("applied  ", line));
        Assert.Contains(lines, line => line.StartsWith("applied  20260101000000_LegacyBaseline", StringComparison.Ordinal) && line.EndsWith("The legacy cafe schema as Bundle 1 found it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_to_goes_down_and_list_shows_what_is_pending()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();
        await HostCli.RunAsync(db, "migrate");

        var down = await HostCli.RunAsync(db, "migrate", "--to", "CafePosConfigsPushQueue");
        var list = await HostCli.RunAsync(db, "migrate", "--list");

        Assert.Equal(0, down.ExitCode);
        Assert.Contains("pending  20260514130000_WidenPendingPushIndex", list.Output);
        Assert.Contains("applied  20260514110000_CafePosConfigsPushQueue", list.Output);
        var predicate = await TestPostgres.ScalarAsync<string>(db, "SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = 'cafe.cafe_pos_configs_pending_push_idx'::regclass");
        Assert.DoesNotContain("pending_update", predicate);
    }

    [Fact]
    public async Task Script_prints_sql_without_a_database()
    {
        var run = await HostCli.RunAsync("Host=127.0.0.1;Port=1;Username=nobody;Password=none", "migrate", "--script");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ALTER TABLE cafe.pos_configs", run.Output);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=nobody;Password=secret-pw;Timeout=3", "cannot reach the database")]
    [InlineData("Host=127.0.0.1;;Port==x", "not a valid PostgreSQL connection string")]
    public async Task A_bad_database_gets_one_clear_line_and_a_non_zero_exit(string connectionString, string reason)
    {
        var run = await HostCli.RunAsync(connectionString, "migrate");

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(reason, line);
        Assert.DoesNotContain("secret-pw", run.Error + run.Output);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("migrate", "--list")]
    public async Task Without_a_database_setting_the_host_starts_no_database_of_its_own_and_names_the_settings(params string[] arguments)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("nixcafe-cli-").FullName;

        var run = await HostCli.RunInAsync(workingDirectory, connectionString: null, dataDirectory: null, arguments);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("nixcafe: error: no database is configured: set ConnectionStrings:Cafe, or NixCafe:DataDirectory for a private PostgreSQL kept in that directory", run.Error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory));
        Directory.Delete(workingDirectory);
    }

    [Fact]
    public async Task An_unknown_migration_id_is_refused_with_one_line()
    {
        var db = await TestPostgres.CreateEmptyDatabaseAsync();

        var run = await HostCli.RunAsync(db, "migrate", "--to", "20990101000000_Nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("nixcafe: error: no migration named '20990101000000_Nope'; 'migrate --list' shows the ids", run.Error.Trim());
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'cafe'"));
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_a_refused_login()
    {
        var server = await TestPostgres.ServerConnectionStringAsync();
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(server) { Password = "definitely-wrong" }.ConnectionString;

        var run = await HostCli.RunAsync(wrong, "migrate", "--list");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("refused the login", run.Error);
        Assert.DoesNotContain("definitely-wrong", run.Error);
    }
}
