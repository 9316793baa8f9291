using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NixCafe.Host;
using NixCafe.IntegrationTests.Support;

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

    [Fact]
    public async Task Health_is_503_when_the_database_does_not()
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthStatusAsync("Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2"));
    }
}
