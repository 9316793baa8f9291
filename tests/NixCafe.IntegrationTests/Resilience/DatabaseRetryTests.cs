using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.IssueOrderNumber;
using NixCafe.Registers.Features.ListRegisters;
using Npgsql;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// A connection that drops under a request is retried where a retry is safe, under the real host
/// executable: a read runs again; a command's unit of work runs again whole, after checking that
/// its commit did not land — so an order number or an audit entry whose commit was cut, before it
/// reached the server or after (its acknowledgement lost), is applied exactly once and the request
/// answers as if nothing happened. A proxy between the host and its own PostgreSQL cuts the commit.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DatabaseRetryTests(DatabaseRetryTests.Rig rig) : IClassFixture<DatabaseRetryTests.Rig>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_order_number_whose_commit_was_cut_is_consumed_once_and_answered(bool commitLands)
    {
        var register = await rig.CreateRegisterAsync();
        var cut = rig.Proxy.ArmAsync("cafe.pos_sequences", commitLands);

        var issued = await (await rig.Client.PostAsync($"/api/cafe/settings/registers/{register}/order-numbers", null)).ReadOkAsync<OrderNumberResponse>();

        await cut.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, issued.Sequence);
        Assert.Equal(1, await rig.ScalarAsync<int>($"SELECT last_number FROM cafe.pos_sequences WHERE pos_config_uuid = '{register}'"));
        var next = await (await rig.Client.PostAsync($"/api/cafe/settings/registers/{register}/order-numbers", null)).ReadOkAsync<OrderNumberResponse>();
        Assert.Equal(2, next.Sequence);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_rename_whose_commit_was_cut_is_applied_and_audited_once(bool commitLands)
    {
        var register = await rig.CreateRegisterAsync();
        var cut = rig.Proxy.ArmAsync("audit.entries", commitLands);

        var rename = await rig.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{register}/name", new { name = $"Renamed {commitLands}" });

        await cut.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(rename.IsSuccessStatusCode, $"{(int)rename.StatusCode}: {await rename.Content.ReadAsStringAsync()}\n{rig.Host.Output}");
        Assert.Equal($"Renamed {commitLands}", await rig.ScalarAsync<string>($"SELECT name FROM cafe.pos_configs WHERE id = '{register}'"));
        Assert.Equal(1L, await rig.ScalarAsync<long>($"SELECT count(*) FROM audit.entries WHERE subject_id = '{register}' AND action = 'register.renamed'"));
    }

    [Fact]
    public async Task A_rename_whose_connection_broke_between_two_of_its_statements_is_retried_and_answered()
    {
        var register = await rig.CreateRegisterAsync();
        // The rename's own UPDATE is answered; the connection dies before the statements its events write.
        var cut = rig.Proxy.ArmBetweenStatementsAsync("UPDATE cafe.pos_configs SET name");

        var rename = await rig.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{register}/name", new { name = "Renamed between statements" });

        await cut.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(rename.IsSuccessStatusCode, $"{(int)rename.StatusCode}: {await rename.Content.ReadAsStringAsync()}\n{rig.Host.Output}");
        Assert.Equal("Renamed between statements", await rig.ScalarAsync<string>($"SELECT name FROM cafe.pos_configs WHERE id = '{register}'"));
        Assert.Equal(1L, await rig.ScalarAsync<long>($"SELECT count(*) FROM audit.entries WHERE subject_id = '{register}' AND action = 'register.renamed'"));
    }

    [Fact]
    public async Task A_read_on_connections_the_server_ended_is_retried_and_answers()
    {
        await rig.CreateRegisterAsync();
        (await rig.Client.GetAsync("/api/cafe/settings/registers")).EnsureSuccessStatusCode();
        // As a server restart or an operator's pg_terminate_backend does to the host's pooled connections.
        var ended = await rig.ScalarAsync<long>(
            $"SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'nixcafe {rig.Host.Name}') ended");
        Assert.True(ended > 0, "The host held no connection to end");

        var list = await rig.Client.GetAsync("/api/cafe/settings/registers");

        Assert.True(list.IsSuccessStatusCode, $"{(int)list.StatusCode}: {await list.Content.ReadAsStringAsync()}");
        Assert.NotEmpty(await list.ReadOkAsync<List<RegisterResponse>>());
    }

    [Theory]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    public async Task A_rename_rolled_back_by_the_server_is_retried_on_the_connections_the_host_has(string sqlState)
    {
        var register = await rig.CreateRegisterAsync();
        // Several requests at once, so the host's pool holds several connections, idle once they answer.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => (await rig.Client.GetAsync("/api/cafe/settings/registers")).EnsureSuccessStatusCode()));
        var before = await rig.HostBackendsAsync();
        Assert.True(before.Count > 1, $"The host held {before.Count} connection(s)");
        // The rename's first attempt is rolled back as a deadlock or a serialization failure rolls it back; a
        // sequence, which no rollback resets, lets only the first through. The connection itself stays sound.
        var trigger = $"fail_once_{sqlState}";
        await rig.ExecuteAsync($"""
            CREATE SEQUENCE {trigger};
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.name = 'Rolled back {sqlState}' THEN
                IF nextval('{trigger}') = 1 THEN
                  RAISE EXCEPTION 'rolled back once' USING ERRCODE = '{sqlState}';
                END IF;
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER {trigger} BEFORE UPDATE ON cafe.pos_configs FOR EACH ROW EXECUTE FUNCTION {trigger}();
            """);
        try
        {
            var rename = await rig.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{register}/name", new { name = $"Rolled back {sqlState}" });

            Assert.True(rename.IsSuccessStatusCode, $"{(int)rename.StatusCode}: {await rename.Content.ReadAsStringAsync()}\n{rig.Host.Output}");
            Assert.True(await rig.ScalarAsync<long>($"SELECT last_value FROM {trigger}") >= 2, "The rename was not tried again");
            Assert.Equal(1L, await rig.ScalarAsync<long>($"SELECT count(*) FROM audit.entries WHERE subject_id = '{register}' AND action = 'register.renamed'"));
            // Unlike a broken connection, a rolled-back transaction leaves the pool's connections as they were: none closed, none opened in their place.
            var after = await rig.HostBackendsAsync();
            Assert.Empty(before.Except(after));
        }
        finally
        {
            await rig.ExecuteAsync($"DROP TRIGGER {trigger} ON cafe.pos_configs; DROP FUNCTION {trigger}(); DROP SEQUENCE {trigger}");
        }
    }

    /// <summary>One PostgreSQL of its own, the proxy in front of it and one host through the proxy, shared by the cases.</summary>
    public sealed class Rig : IAsyncLifetime
    {
        private OwnPostgres? _postgres;

        public ConnectionCuttingProxy Proxy { get; private set; } = null!;

        public HostProcess Host { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        private TestTenant Tenant { get; set; } = null!;

        public async Task InitializeAsync()
        {
            _postgres = await OwnPostgres.StartAsync();
            Tenant = await _postgres.Admin.CreateTenantAsync("starter", "Retry Cafe");
            Proxy = new ConnectionCuttingProxy(new NpgsqlConnectionStringBuilder(_postgres.ConnectionString).Port);
            var throughProxy = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString)
            {
                Port = Proxy.Port,
                // Statements stay in the protocol as text (never auto-prepared), so the proxy recognises the one it is armed with.
                AutoPrepareMinUsages = int.MaxValue,
            };
            Host = HostProcess.Launch(throughProxy.ConnectionString, new Dictionary<string, string>
            {
                ["NixCafe:OperatorKey"] = CafeAppFixture.OperatorKey,
                ["NixCafe:Limits:PermitsPerWindow"] = "1000000",
            });
            await Host.WaitUntilHealthyAsync();
            Client = new HttpClient { BaseAddress = Host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tenant.Key);
        }

        public async Task<Guid> CreateRegisterAsync()
        {
            var created = await Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = Tenant.ShopId, name = $"Till {Guid.NewGuid():N}"[..20] });
            return (await created.ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;
        }

        public Task<T?> ScalarAsync<T>(string sql) => TestPostgres.ScalarAsync<T>(_postgres!.ConnectionString, sql);

        public Task ExecuteAsync(string sql) => TestPostgres.ExecuteAsync(_postgres!.ConnectionString, sql);

        /// <summary>The host's server sessions, each as its backend's pid and start: a connection closed and opened again shows as a new one.</summary>
        public async Task<List<string>> HostBackendsAsync() =>
            (await TestPostgres.QueryAsync(_postgres!.ConnectionString, $"SELECT pid, backend_start FROM pg_stat_activity WHERE application_name = 'nixcafe {Host.Name}'"))
            .Select(row => $"{row["pid"]}@{row["backend_start"]:O}")
            .ToList();

        public async Task DisposeAsync()
        {
            Client?.Dispose();
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }

            if (Proxy is not null)
            {
                await Proxy.DisposeAsync();
            }

            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }
        }
    }
}
