using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;
using Npgsql;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// The database is up but cannot serve a request now: a row held by another session longer than
/// the host's lock timeout, and a server with no connection left. Each answers a ProblemDetails 503
/// with <c>Retry-After</c> (never a 500, never a request left hanging), stores nothing of the
/// request, and the host serves as soon as the contention ends.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DatabaseContentionTests
{
    [Fact]
    public Task A_change_stuck_on_a_locked_row_answers_503_after_the_lock_timeout_and_changes_nothing() =>
        RenameOfAHeldRowAnswers503Async(Settings(("NixCafe:Database:LockTimeout", "00:00:01")), "lock timeout", TimeSpan.FromSeconds(1));

    [Fact]
    public Task A_statement_past_the_statement_timeout_answers_503_and_changes_nothing() =>
        // No lock timeout: the statement waits on the held row until its statement timeout cancels it.
        RenameOfAHeldRowAnswers503Async(Settings(("NixCafe:Database:LockTimeout", "00:00:00"), ("NixCafe:Database:StatementTimeout", "00:00:02")),
            "statement timeout", TimeSpan.FromSeconds(2));

    /// <summary>
    /// Another session (a long report, a migration, an operator's psql) holds a register's row while
    /// its rename arrives: the rename answers 503 with the reason once <paramref name="timeout"/> has
    /// passed, stores nothing, and goes through once the row is free.
    /// </summary>
    private static async Task RenameOfAHeldRowAnswers503Async(IReadOnlyDictionary<string, string> settings, string reason, TimeSpan timeout)
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var tenant = await postgres.Admin.CreateTenantAsync("starter", "Held Cafe");
        await using var host = HostProcess.Launch(postgres.ConnectionString, settings);
        await host.WaitUntilHealthyAsync();
        using var client = ClientOf(host, tenant.Key);
        var register = await (await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Till" }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);

        await using (var holder = new NpgsqlConnection(postgres.ConnectionString))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var hold = new NpgsqlCommand($"SELECT 1 FROM cafe.pos_configs WHERE id = '{register.Id}' FOR UPDATE", holder, transaction))
            {
                await hold.ExecuteNonQueryAsync();
            }

            var took = Stopwatch.StartNew();
            var rename = await client.PutAsJsonAsync($"/api/cafe/settings/registers/{register.Id}/name", new { name = "Renamed" });
            took.Stop();

            var problem = await rename.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), rename.Headers.RetryAfter?.Delta);
            Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(took.Elapsed >= timeout && took.Elapsed < timeout + TimeSpan.FromSeconds(5), $"answered after {took.Elapsed.TotalSeconds:0.0} s");
            await transaction.RollbackAsync();
        }

        Assert.Equal("Till", await TestPostgres.ScalarAsync<string>(postgres.ConnectionString, $"SELECT name FROM cafe.pos_configs WHERE id = '{register.Id}'"));
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(postgres.ConnectionString,
            $"SELECT count(*) FROM audit.entries WHERE subject_id = '{register.Id}' AND action = 'register.renamed'"));
        (await client.PutAsJsonAsync($"/api/cafe/settings/registers/{register.Id}/name", new { name = "Renamed" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_server_turned_read_only_answers_writes_with_503_and_they_succeed_once_it_takes_writes_again()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var tenant = await postgres.Admin.CreateTenantAsync("starter", "Standby Cafe");
        await using var host = HostProcess.Launch(postgres.ConnectionString, Settings());
        await host.WaitUntilHealthyAsync();
        using var client = ClientOf(host, tenant.Key);
        (await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Before" })).EnsureSuccessStatusCode();

        // As a demoted primary does: every session, the host's pooled ones included, refuses writes.
        await TestPostgres.ExecuteAsync(postgres.ConnectionString, "ALTER SYSTEM SET default_transaction_read_only = on");
        await TestPostgres.ExecuteAsync(postgres.ConnectionString, "SELECT pg_reload_conf()");
        HttpResponseMessage refused;
        var attempt = 0;
        do
        {
            refused = await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = $"During {attempt++}" });
        }
        while (refused.StatusCode == HttpStatusCode.Created && attempt < 50);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("read-only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        (await client.GetAsync("/api/cafe/settings/registers")).EnsureSuccessStatusCode();
        Assert.Equal(0L, await TestPostgres.ScalarAsync<long>(postgres.ConnectionString,
            $"SELECT count(*) FROM cafe.pos_configs WHERE name = 'During {attempt - 1}'"));

        await TestPostgres.ExecuteAsync(postgres.ConnectionString, "ALTER SYSTEM RESET default_transaction_read_only");
        await TestPostgres.ExecuteAsync(postgres.ConnectionString, "SELECT pg_reload_conf()");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage after;
        while ((after = await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "After" })).StatusCode == HttpStatusCode.ServiceUnavailable
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task A_server_out_of_connections_answers_503_not_500_and_the_host_serves_once_one_is_free()
    {
        await using var postgres = await OwnPostgres.StartAsync(maxConnections: 20);
        var tenant = await postgres.Admin.CreateTenantAsync("starter", "Crowded Cafe");
        var hogs = await TakeEveryConnectionAsync(postgres.ConnectionString);
        try
        {
            await using var host = HostProcess.Launch(postgres.ConnectionString, Settings());
            using var client = ClientOf(host, tenant.Key);
            var refused = await FirstAnswerAsync(host, client);

            var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("too many clients", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            foreach (var hog in hogs)
            {
                await hog.DisposeAsync();
            }

            hogs.Clear();
            await host.WaitUntilHealthyAsync();
            (await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Till" })).EnsureSuccessStatusCode();
        }
        finally
        {
            foreach (var hog in hogs)
            {
                await hog.DisposeAsync();
            }
        }
    }

    /// <summary>Opens connections (unpooled) until the server refuses one for having none left.</summary>
    private static async Task<List<NpgsqlConnection>> TakeEveryConnectionAsync(string connectionString)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        var hogs = new List<NpgsqlConnection>();
        while (true)
        {
            var connection = new NpgsqlConnection(unpooled);
            try
            {
                await connection.OpenAsync();
                hogs.Add(connection);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.TooManyConnections)
            {
                await connection.DisposeAsync();
                return hogs;
            }
        }
    }

    /// <summary>The first answer of the registers list once the host listens.</summary>
    private static async Task<HttpResponseMessage> FirstAnswerAsync(HostProcess host, HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            Assert.False(host.HasExited, $"The host exited:\n{host.Output}");
            try
            {
                return await client.GetAsync("/api/cafe/settings/registers");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string>
        {
            ["NixCafe:OdooSync:Cron"] = "* * * * * ?",
            ["NixCafe:OdooSync:ClusterCheckinInterval"] = "00:00:01",
            ["NixCafe:OdooSync:SchedulerIdleWait"] = "00:00:01",
            ["NixCafe:OperatorKey"] = CafeAppFixture.OperatorKey,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static HttpClient ClientOf(HostProcess host, string key)
    {
        var client = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
