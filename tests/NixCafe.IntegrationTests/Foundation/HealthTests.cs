using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NixCafe.Host;
using NixCafe.IntegrationTests.Support;
using NixCafe.Shared.Hosting;

namespace NixCafe.IntegrationTests.Foundation;

public sealed class HealthTests
{
    private static async Task<HttpStatusCode> HealthStatusAsync(string connectionString)
    {
        await using var app = CafeWebApp.Build(["--NixCafe:OdooSync:SchedulerEnabled=false"], connectionString, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();
        var response = await client.GetAsync("/health");
        return response.StatusCode;
    }

    [Fact]
    public async Task Health_is_200_when_the_database_answers()
    {
        Assert.Equal(HttpStatusCode.OK, await HealthStatusAsync(await TestPostgres.CreateMigratedDatabaseAsync()));
    }

    private static async Task<JsonElement> SchedulerCheckAsync(HttpClient client) =>
        JsonDocument.Parse(await (await client.GetAsync("/health")).Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("odoo-sync-scheduler");

    [Fact]
    public async Task Health_reports_the_clustered_scheduler_this_host_runs()
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync();
        await using var app = CafeWebApp.Build([], connectionString, builder => builder.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();

        // The hosted service starts the scheduler beside the web host: it may still be starting.
        var scheduler = await SchedulerCheckAsync(client);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); scheduler.GetProperty("status").GetString() != "Healthy" && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            scheduler = await SchedulerCheckAsync(client);
        }

        Assert.Equal("Healthy", scheduler.GetProperty("status").GetString());
        Assert.Equal("Running", scheduler.GetProperty("data").GetProperty("status").GetString());
        Assert.True(scheduler.GetProperty("data").GetProperty("clustered").GetBoolean());
        Assert.Equal(HostIdentity.Name, scheduler.GetProperty("data").GetProperty("instance").GetString());
        Assert.Equal(1, await TestPostgres.ScalarAsync<long>(connectionString, "SELECT count(*) FROM quartz.qrtz_scheduler_state"));
        await app.StopAsync();
    }

    [Fact]
    public async Task Health_is_503_when_the_database_does_not()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthStatusAsync("Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2"));
    }
}
