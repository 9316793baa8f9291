using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;
using Npgsql;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// The host on a multi-host connection string (<c>Host=a,b;Target Session Attributes=primary</c>)
/// over two PostgreSQL servers of the test's own, b a copy of a as a replica would be: while a
/// serves, writes land on a; a stopped, the host serves from b; a back as a read-only standby,
/// writes still go to b. No request answers anything but its success or a 503.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DatabaseFailoverTests
{
    [Fact]
    public async Task A_host_on_two_servers_moves_to_the_primary_when_the_first_stops_and_stays_off_it_once_it_is_a_standby()
    {
        await using var a = await OwnPostgres.StartAsync();
        var tenant = await a.Admin.CreateTenantAsync("starter", "Failover Cafe");
        await using var b = await OwnPostgres.StartCopyOfAsync(a);
        var both = new NpgsqlConnectionStringBuilder(a.ConnectionString)
        {
            Host = $"127.0.0.1:{a.Port},127.0.0.1:{b.Port}",
            TargetSessionAttributes = "primary",
            // The state Npgsql remembers of each server: re-checked after a second here, ten by default.
            HostRecheckSeconds = 1,
        };
        await using var host = HostProcess.Launch(both.ConnectionString, new Dictionary<string, string>
        {
            ["NixCafe:OperatorKey"] = CafeAppFixture.OperatorKey,
            ["NixCafe:Limits:PermitsPerWindow"] = "1000000",
        });
        await host.WaitUntilHealthyAsync();
        using var client = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);

        await CreateUntilStoredAsync(client, tenant, "On A", host);
        Assert.Equal(1L, await CountAsync(a, "On A"));
        Assert.Equal(0L, await CountAsync(b, "On A"));

        await a.CrashAsync();
        await CreateUntilStoredAsync(client, tenant, "On B", host);
        Assert.Equal(1L, await CountAsync(b, "On B"));

        await a.StartAgainAsStandbyAsync();
        NpgsqlConnection.ClearAllPools();
        Assert.True(await TestPostgres.ScalarAsync<bool>(a.ConnectionString, "SELECT pg_is_in_recovery()"), "a did not come back as a standby");
        // Writes go on across Npgsql's HostRecheckSeconds, when it asks a again what it is: it must find a standby and keep writing to b.
        var pastRecheck = DateTime.UtcNow + TimeSpan.FromSeconds(both.HostRecheckSeconds * 2);
        for (var i = 0; i < 5 || DateTime.UtcNow < pastRecheck; i++)
        {
            var created = await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = $"Standby {i}" });
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{host.Output}");
            Assert.Equal(1L, await CountAsync(b, $"Standby {i}"));
        }

        (await client.GetAsync("/api/cafe/settings/registers")).EnsureSuccessStatusCode();
    }

    /// <summary>Sends the create until it answers 201 (each other answer a 503, while the host finds its server), within 10 s.</summary>
    private static async Task CreateUntilStoredAsync(HttpClient client, TestTenant tenant, string name, HostProcess host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var created = await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name });
            if (created.StatusCode == HttpStatusCode.Created)
            {
                return;
            }

            Assert.True(created.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict,
                $"{name}: {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{host.Output}");
            if (created.StatusCode == HttpStatusCode.Conflict)
            {
                // An earlier try committed although it answered 503.
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} was never stored:\n{host.Output}");
            await Task.Delay(200);
        }
    }

    private static Task<long> CountAsync(OwnPostgres server, string name) =>
        TestPostgres.ScalarAsync<long>(server.ConnectionString, $"SELECT count(*) FROM cafe.pos_configs WHERE name = '{name}'");
}
