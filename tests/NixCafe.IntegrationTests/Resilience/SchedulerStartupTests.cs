using System.Globalization;
using System.Text.Json;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// The clustered scheduler starts once the database answers; this is the database failing after
/// it answered, while Quartz creates and starts the scheduler. The harness holds Quartz's lock
/// table so every statement on it runs into the host's lock timeout while <c>SELECT 1</c> answers:
/// the same failure as PostgreSQL going away right after the readiness check, but one the test
/// controls to the statement.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SchedulerStartupTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The host's warning when the scheduler's creation or start failed for the database and it tries again.</summary>
    private const string RetryWarning = "The scheduler could not start";

    [Fact]
    public async Task A_scheduler_whose_store_fails_while_it_starts_keeps_the_host_up_and_starts_once_the_store_answers()
    {
        await using var cluster = await ClusterScenario.StartAsync();
        await using var harness = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false }.ConnectionString);
        await harness.OpenAsync();
        await using var hold = await harness.BeginTransactionAsync();
        await using (var lockQuartz = new NpgsqlCommand("LOCK TABLE quartz.qrtz_locks IN ACCESS EXCLUSIVE MODE", harness, hold))
        {
            await lockQuartz.ExecuteNonQueryAsync();
        }

        await using var host = HostProcess.Launch(cluster.ConnectionString, new Dictionary<string, string>
        {
            ["NixCafe:OdooSync:Cron"] = "* * * * * ?",
            ["NixCafe:OdooSync:ClusterCheckinInterval"] = "00:00:01",
            ["NixCafe:OdooSync:SchedulerIdleWait"] = "00:00:01",
            ["NixCafe:Database:LockTimeout"] = "00:00:01",
            ["Logging:LogLevel:NixCafe.OdooSync.Features.RunSyncTick"] = "Debug",
        });

        // Until the creation or start has failed at least twice: the host must still be up and serving.
        var deadline = DateTime.UtcNow + StepTimeout;
        while (host.Output.Split(RetryWarning).Length <= 2)
        {
            Assert.False(host.HasExited, $"The host exited when its scheduler could not start:\n{host.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"The scheduler's start did not fail twice for the held lock:\n{host.Output}");
            await Task.Delay(100);
        }

        // Anonymous /health says why in words: no exception text, stack frame or server address.
        var (status, description) = await SchedulerHealthAsync(host);
        Assert.Equal("Degraded", status);
        Assert.Contains("not running", description, StringComparison.Ordinal);
        Assert.Contains("lock timeout", description, StringComparison.Ordinal);
        var port = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Port.ToString(CultureInfo.InvariantCulture);
        Assert.DoesNotContain("Exception", description, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", description, StringComparison.Ordinal);
        Assert.DoesNotContain(port, description, StringComparison.Ordinal);
        await hold.RollbackAsync();

        deadline = DateTime.UtcNow + StepTimeout;
        while ((await SchedulerHealthAsync(host)).Status != "Healthy" || !host.Output.Contains("Odoo sync tick of", StringComparison.Ordinal))
        {
            Assert.False(host.HasExited, host.Output);
            Assert.True(DateTime.UtcNow < deadline, $"The scheduler did not start once the lock was let go:\n{host.Output}");
            await Task.Delay(100);
        }

        output.WriteLine($"The scheduler's start failed {host.Output.Split(RetryWarning).Length - 1} time(s), then it started and ticked");
    }

    private static async Task<(string? Status, string? Description)> SchedulerHealthAsync(HostProcess host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StepTimeout;
        while (true)
        {
            try
            {
                using var health = JsonDocument.Parse(await http.GetStringAsync("health"));
                var check = health.RootElement.GetProperty("checks").GetProperty("odoo-sync-scheduler");
                return (check.GetProperty("status").GetString(), check.GetProperty("description").GetString());
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !host.HasExited)
            {
                // Not listening yet.
                await Task.Delay(100);
            }
        }
    }
}
