using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.ManageConnection;

namespace NixCafe.IntegrationTests.Security;

/// <summary>The host with an allow-list of Odoo hosts (the demo leaves it empty: any host).</summary>
public sealed class AllowListedOdooFixture : CafeAppFixture
{
    protected override void Customise(WebApplicationBuilder builder)
    {
        builder.Configuration["NixCafe:OdooSync:AllowedHosts:0"] = "odoo.cafe.example";
        builder.Configuration["NixCafe:OdooSync:AllowedHosts:1"] = "127.0.0.1";
    }

    public HttpClient Operator()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        return client;
    }
}

public sealed class OdooUrlTests(AllowListedOdooFixture app) : IClassFixture<AllowListedOdooFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> ConnectAsync(Guid tenantId, string baseUrl) =>
        app.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenantId}/odoo-connection", new { baseUrl, database = "odoo", login = "admin", apiKey = "k" });

    [Theory]
    [InlineData("https://evil.example/", "not one of the allowed Odoo hosts")]
    [InlineData("https://ODOO.cafe.example.evil.example/", "not one of the allowed Odoo hosts")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("javascript:alert(1)", "http or https")]
    [InlineData("https://admin:secret@odoo.cafe.example/", "without credentials")]
    public async Task A_url_outside_the_rules_is_refused_and_nothing_is_stored(string baseUrl, string reason)
    {
        var tenant = await app.CreateTenantAsync("pro");
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        var problem = await (await ConnectAsync(tenant.Id, baseUrl)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(problem.FieldErrors("baseUrl"), message => message.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task An_allowed_host_is_accepted_whatever_its_case()
    {
        var tenant = await app.CreateTenantAsync("pro");

        var response = await ConnectAsync(tenant.Id, "https://Odoo.Cafe.Example/odoo/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_connection_test_against_a_server_that_never_answers_ends_at_the_call_timeout_and_says_so()
    {
        var tenant = await app.CreateTenantAsync("pro");
        // Accepts connections and never answers: the worst kind of "not Odoo".
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        Assert.Equal(HttpStatusCode.OK, (await ConnectAsync(tenant.Id, $"http://127.0.0.1:{port}/")).StatusCode);

        var result = await (await app.Operator().PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection/test", null)).ReadOkAsync<ConnectionTestResult>();

        Assert.Equal((false, "version"), (result.Ok, result.Stage));
        Assert.Equal("unreachable or not Odoo: Timeout: Odoo did not answer within 2 s", result.Message);
    }

    [Fact]
    public async Task A_connection_test_against_a_web_server_that_is_not_odoo_says_so()
    {
        var tenant = await app.CreateTenantAsync("pro");
        await using var web = WebApplication.CreateSlimBuilder().Build();
        web.Urls.Add("http://127.0.0.1:0");
        web.MapPost("/jsonrpc", () => Results.Content("<html><body>Welcome to nginx!</body></html>", "text/html"));
        await web.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await ConnectAsync(tenant.Id, web.Urls.Single())).StatusCode);

        var result = await (await app.Operator().PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection/test", null)).ReadOkAsync<ConnectionTestResult>();

        Assert.False(result.Ok);
        Assert.StartsWith("unreachable or not Odoo: NotJson: the server at http://127.0.0.1:", result.Message);
        Assert.EndsWith("answered HTTP 200 (text/html) with something that is not an Odoo JSON-RPC reply", result.Message);
    }
}
