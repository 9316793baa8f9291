using System.Net;
using System.Net.Sockets;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Observability;

/// <summary>
/// Where <c>/metrics</c> answers: on the host's own port to the operator key by default, or, with
/// <c>NixCafe:Telemetry:MetricsPort</c>, on that port alone, which serves nothing else. The real
/// host process, so Kestrel really listens on both ports.
/// </summary>
public sealed class MetricsPortTests : IAsyncLifetime
{
    private const string OperatorKey = "metrics-port-operator-key-3f9a1c";

    private readonly List<HostProcess> _hosts = [];
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestPostgres.CreateMigratedDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_a_metrics_port_the_hosts_own_port_serves_metrics_to_the_operator_key_only()
    {
        var host = await StartAsync(new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(host.BaseUrl, "metrics", key: null)).StatusCode);
        var scrape = await GetAsync(host.BaseUrl, "metrics", OperatorKey);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("nixcafe_database_up", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_metrics_port_metrics_answer_there_alone_and_that_port_serves_nothing_else()
    {
        var metricsPort = FreePort();
        var host = await StartAsync(new Dictionary<string, string> { ["NixCafe:Telemetry:MetricsPort"] = metricsPort.ToString() });
        var metricsUrl = new Uri($"http://127.0.0.1:{metricsPort}/");

        var scrape = await GetAsync(metricsUrl, "metrics", OperatorKey);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("nixcafe_database_up", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Still the operator's key there, unless the operator says the scrape is anonymous.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(metricsUrl, "metrics", key: null)).StatusCode);

        // The public port: no /metrics, not even with the key or a Host header naming the metrics port.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host.BaseUrl, "metrics", OperatorKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host.BaseUrl, "metrics", OperatorKey, hostHeader: $"127.0.0.1:{metricsPort}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host.BaseUrl, "health", key: null)).StatusCode);

        // The metrics port: nothing but /metrics.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(metricsUrl, "health", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(metricsUrl, "openapi/v1.json", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(metricsUrl, "api/operator/tenants", OperatorKey)).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_scrape_on_the_metrics_port_needs_no_key_and_the_public_port_still_has_no_metrics()
    {
        var metricsPort = FreePort();
        var host = await StartAsync(new Dictionary<string, string>
        {
            ["NixCafe:Telemetry:MetricsPort"] = metricsPort.ToString(),
            ["NixCafe:Telemetry:PrometheusAnonymous"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/"), "metrics", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host.BaseUrl, "metrics", key: null)).StatusCode);
    }

    private async Task<HostProcess> StartAsync(Dictionary<string, string> settings)
    {
        settings["NixCafe:OperatorKey"] = OperatorKey;
        settings["NixCafe:OdooSync:SchedulerEnabled"] = "false";
        var host = HostProcess.Launch(_database, settings);
        _hosts.Add(host);
        await host.WaitUntilHealthyAsync();
        return host;
    }

    private static async Task<HttpResponseMessage> GetAsync(Uri baseUrl, string path, string? key, string? hostHeader = null)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
