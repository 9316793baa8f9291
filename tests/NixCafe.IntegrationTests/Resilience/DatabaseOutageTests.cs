using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.IssueOrderNumber;
using NixCafe.Registers.Features.ListRegisters;
using Npgsql;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// The database goes away under the real host executable: a crash (<c>pg_ctl stop -m immediate</c>)
/// while requests arrive, and a host started while it is down. During the outage every request
/// answers a ProblemDetails 503 with <c>Retry-After</c> in seconds and <c>/health</c> gives its
/// reasons in words; once PostgreSQL is back, on the same port, the host serves again by itself and
/// nothing that answered 2xx is lost or doubled.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long the host goes on retrying a request whose connection broke or was refused (three
    /// retries, 1.6 s of pauses: CafeRetryingExecutionStrategy) plus the attempts themselves: a
    /// request sent later than this before the restart may be answered by the restarted server.
    /// </summary>
    private static readonly TimeSpan HostRetries = TimeSpan.FromSeconds(2.5);

    private sealed record Answer(string Kind, string? Name, HttpStatusCode Status, TimeSpan Took, string? RetryAfter, string? MediaType, string Body, DateTime SentAt);

    [Fact]
    public async Task A_crash_while_requests_arrive_answers_503_then_recovers_without_losing_or_doubling_anything()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var tenant = await postgres.Admin.CreateTenantAsync("starter", "Outage Cafe");
        await using var host = HostProcess.Launch(postgres.ConnectionString, HostSettings);
        await host.WaitUntilHealthyAsync();
        using var client = ClientOf(host, tenant.Key);
        var register = await (await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Till" }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);

        var answers = new ConcurrentBag<Answer>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(worker => SendUntilStoppedAsync(client, tenant.ShopId, register.Id, worker, answers, stop.Token)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));

        await postgres.CrashAsync();
        var crashedAt = DateTime.UtcNow;
        var health = await WaitForHealthAsync(host, HttpStatusCode.ServiceUnavailable);
        AssertHealthSaysWhyWithoutDetails(health, postgres.ConnectionString);
        await Task.Delay(Outage);
        var restartAt = DateTime.UtcNow;
        await postgres.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await host.WaitUntilHealthyAsync();
        output.WriteLine($"Healthy again {back.Elapsed.TotalSeconds:0.0} s after PostgreSQL accepted connections again");
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(15), $"The host took {back.Elapsed.TotalSeconds:0} s to serve again");
        // Until the restarted server has taken a create sent after the restart: a worker may still be
        // in a request sent during the outage, which the host retries for up to HostRetries.
        await Eventually.TrueAsync(() => answers.Any(answer => answer.Status == HttpStatusCode.Created && answer.SentAt > restartAt),
            "a 201 to a create sent after the restart");

        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = answers.ToList();
        output.WriteLine(string.Join(", ", all.GroupBy(answer => (int)answer.Status).OrderBy(group => group.Key).Select(group => $"{group.Key}: {group.Count()}")));
        Assert.All(all, answer => Assert.True((int)answer.Status < 500 || answer.Status == HttpStatusCode.ServiceUnavailable,
            $"{answer.Kind} answered {(int)answer.Status}: {answer.Body}\n{LogOf(host, answer.Body)}"));
        Assert.All(all, answer => Assert.True(answer.Took < AnswerWithin, $"{answer.Kind} took {answer.Took.TotalSeconds:0.0} s ({(int)answer.Status})"));
        var duringOutage = all.Where(answer => answer.SentAt > crashedAt.AddSeconds(0.5) && answer.SentAt < restartAt - HostRetries).ToList();
        Assert.NotEmpty(duringOutage);
        Assert.All(duringOutage, answer =>
        {
            Assert.True(answer.Status == HttpStatusCode.ServiceUnavailable, $"{answer.Kind} during the outage answered {(int)answer.Status}: {answer.Body}");
            Assert.Equal("application/problem+json", answer.MediaType);
            Assert.Equal("5", answer.RetryAfter);
            Assert.DoesNotContain("127.0.0.1", answer.Body, StringComparison.Ordinal);
        });

        await AssertNothingLostOrDoubledAsync(postgres, client, tenant, all);
        output.WriteLine($"{duringOutage.Count} requests sent in the {Outage.TotalSeconds:0} s outage, before its last {HostRetries.TotalSeconds:0.0} s of host retries, all 503 with Retry-After");
    }

    [Fact]
    public async Task A_host_started_while_the_database_is_down_answers_503_and_serves_once_it_is_up()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var tenant = await postgres.Admin.CreateTenantAsync("starter", "Early Cafe");
        await postgres.CrashAsync();

        await using var host = HostProcess.Launch(postgres.ConnectionString, HostSettings);
        var health = await WaitForHealthAsync(host, HttpStatusCode.ServiceUnavailable);
        AssertHealthSaysWhyWithoutDetails(health, postgres.ConnectionString);
        using var client = ClientOf(host, tenant.Key);
        var took = Stopwatch.StartNew();
        var refused = await client.GetAsync("/api/cafe/settings/registers");
        Assert.True(took.Elapsed < AnswerWithin, $"took {took.Elapsed.TotalSeconds:0.0} s");
        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("5", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(host.HasExited, host.Output);

        await postgres.StartAgainAsync();
        await host.WaitUntilHealthyAsync();
        (await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Late Till" })).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/cafe/settings/registers")).EnsureSuccessStatusCode();
    }

    private static Dictionary<string, string> HostSettings => new()
    {
        // The scheduler runs as in production: its health check is the one that leaked Quartz's exception text.
        ["NixCafe:OdooSync:Cron"] = "* * * * * ?",
        ["NixCafe:OdooSync:ClusterCheckinInterval"] = "00:00:01",
        ["NixCafe:OdooSync:SchedulerIdleWait"] = "00:00:01",
        ["NixCafe:OperatorKey"] = CafeAppFixture.OperatorKey,
        ["NixCafe:Limits:PermitsPerWindow"] = "1000000",
    };

    private static HttpClient ClientOf(HostProcess host, string key)
    {
        var client = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Creates (each under a name of its own), renames, order numbers and reads, one after another, until told to stop.</summary>
    private static async Task SendUntilStoppedAsync(HttpClient client, Guid shopId, Guid registerId, int worker, ConcurrentBag<Answer> answers, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var name = $"W{worker}-{i}";
            var sentAt = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            var (kind, response) = (i % 4) switch
            {
                0 => ("create", await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId, name }, CancellationToken.None)),
                1 => ("rename", await client.PutAsJsonAsync($"/api/cafe/settings/registers/{registerId}/name", new { name = $"Till {name}" }, CancellationToken.None)),
                2 => ("order-number", await client.PostAsync($"/api/cafe/settings/registers/{registerId}/order-numbers", null, CancellationToken.None)),
                _ => ("list", await client.GetAsync("/api/cafe/settings/registers", CancellationToken.None)),
            };
            var took = clock.Elapsed;
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            answers.Add(new Answer(kind, kind == "create" ? name : null, response.StatusCode, took,
                response.Headers.TryGetValues("Retry-After", out var retry) ? retry.Single() : null,
                response.Content.Headers.ContentType?.MediaType, body, sentAt));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static async Task<JsonElement> WaitForHealthAsync(HostProcess host, HttpStatusCode status)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            Assert.False(host.HasExited, $"The host exited:\n{host.Output}");
            try
            {
                var response = await http.GetAsync("health");
                if (response.StatusCode == status)
                {
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health never answered {(int)status}:\n{host.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>The host's log lines of the request whose ProblemDetails is <paramref name="body"/> (by its trace id), to say what a 500 hid.</summary>
    private static string LogOf(HostProcess host, string body)
    {
        var traceId = System.Text.RegularExpressions.Regex.Match(body, "00-(?<id>[0-9a-f]{32})-").Groups["id"].Value;
        if (traceId.Length == 0)
        {
            return "(no trace id in the answer)";
        }

        var lines = host.Output.Split('\n');
        var logged = lines.Select((line, index) => (line, index)).Where(entry => entry.line.Contains(traceId, StringComparison.Ordinal))
            .SelectMany(entry => lines.Skip(entry.index - 1).Take(30));
        return string.Join('\n', logged);
    }

    /// <summary>Unhealthy with the database's reason in words; no exception text, stack frame or server address in any check.</summary>
    private static void AssertHealthSaysWhyWithoutDetails(JsonElement health, string connectionString)
    {
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        var database = health.GetProperty("checks").GetProperty("database");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.StartsWith("The database", database.GetProperty("description").GetString());
        var text = health.GetRawText();
        var port = new NpgsqlConnectionStringBuilder(connectionString).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var leak in new[] { "Exception", "127.0.0.1", $":{port}", " at ", "Npgsql", "Quartz." })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every create that answered 201 is stored, with one audit entry; one that answered 503 is
    /// stored at most once (its commit may have landed), and sent again it answers 409 if so;
    /// every order number answered is distinct and below the register's next one.
    /// </summary>
    private static async Task AssertNothingLostOrDoubledAsync(OwnPostgres postgres, HttpClient client, TestTenant tenant, List<Answer> answers)
    {
        var stored = (await TestPostgres.QueryAsync(postgres.ConnectionString, $"""
            SELECT p.name, (SELECT count(*) FROM audit.entries a WHERE a.subject_id = p.id AND a.action = 'register.created') AS audits
              FROM cafe.pos_configs p WHERE p.tenant_id = '{tenant.Id}'
            """)).ToDictionary(row => (string)row["name"]!, row => (long)row["audits"]!);
        Assert.All(stored, row => Assert.True(row.Value == 1, $"{row.Key} has {row.Value} creation audit entries"));
        foreach (var created in answers.Where(answer => answer is { Kind: "create", Status: HttpStatusCode.Created }))
        {
            Assert.True(stored.ContainsKey(created.Name!), $"{created.Name} answered 201 but is not stored");
        }

        foreach (var unknown in answers.Where(answer => answer is { Kind: "create", Status: HttpStatusCode.ServiceUnavailable }))
        {
            var again = await client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = unknown.Name });
            Assert.Equal(stored.ContainsKey(unknown.Name!) ? HttpStatusCode.Conflict : HttpStatusCode.Created, again.StatusCode);
        }

        var issued = new List<long>();
        foreach (var answer in answers.Where(answer => answer is { Kind: "order-number", Status: HttpStatusCode.OK }))
        {
            issued.Add(JsonSerializer.Deserialize<OrderNumberResponse>(answer.Body, JsonSerializerOptions.Web)!.Sequence);
        }

        Assert.Equal(issued.Count, issued.Distinct().Count());
    }
}
