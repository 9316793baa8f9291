using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Security;

public sealed class SecretsTests(LoggedOdooSyncFixture app) : IClassFixture<LoggedOdooSyncFixture>
{
    private const string OdooKey = "odoo-key-SECRET-7f3a2c9e41d8";

    [Fact]
    public async Task The_odoo_key_and_the_tenant_key_appear_in_no_log_response_column_metric_or_span()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync(apiKey: OdooKey);
        var tenant = await app.CreateTenantAsync("pro");
        var responses = new List<string>();
        async Task<HttpResponseMessage> Keep(Task<HttpResponseMessage> call)
        {
            var response = await call;
            responses.Add($"{(int)response.StatusCode} {response.Headers} {response.Content.Headers} {await response.Content.ReadAsStringAsync()}");
            return response;
        }

        var operatorApi = $"/api/operator/tenants/{tenant.Id}";
        var connection = new { baseUrl = odoo.BaseUrl.ToString(), database = FakeOdooServer.DatabaseName, login = FakeOdooServer.LoginName, apiKey = OdooKey };
        // Set, test, push, fail in every way Odoo can, read every status, disable.
        await Keep(app.Operator().PutAsJsonAsync($"{operatorApi}/odoo-connection", connection));
        await Keep(app.Operator().PostAsync($"{operatorApi}/odoo-connection/test", null));
        var front = await (await Keep(tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" })))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        await app.DrainAsync(tenant.Id);
        await Keep(tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{front.Id}/name", new { name = "Counter" }));
        // A server that quotes the request back in its error must not get the key stored on the row.
        odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", $"cannot write with key {OdooKey}"));
        await app.DrainAsync(tenant.Id);
        var storedError = await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT sync_error_message FROM cafe.pos_configs WHERE id = '{front.Id}'");
        await Keep(tenant.Client.GetAsync("/api/cafe/odoo-sync/status"));
        await Keep(tenant.Client.PostAsync($"/api/cafe/odoo-sync/registers/{front.Id}/requeue", null));
        odoo.FailNext(1, new FakeOdooFault.NotJson());
        await app.DrainAsync(tenant.Id);
        await Keep(app.Operator().PutAsJsonAsync($"{operatorApi}/odoo-connection", connection with { apiKey = OdooKey + "-wrong" }));
        await Keep(app.Operator().PostAsync($"{operatorApi}/odoo-connection/test", null));
        await Keep(app.Operator().PutAsJsonAsync($"{operatorApi}/odoo-connection", connection with { baseUrl = "http://127.0.0.1:1/" }));
        await Keep(app.Operator().PostAsync($"{operatorApi}/odoo-connection/test", null));
        await Keep(app.Operator().PutAsJsonAsync($"{operatorApi}/odoo-connection", connection with { baseUrl = "ftp://" + OdooKey + "/" }));
        await Keep(app.Operator().PutAsJsonAsync($"{operatorApi}/odoo-connection", connection));
        await Keep(app.Operator().GetAsync($"{operatorApi}/odoo-sync"));
        await Keep(app.Operator().GetAsync($"{operatorApi}/audit"));
        await Keep(tenant.Client.GetAsync("/api/cafe/odoo-sync/status"));
        await Keep(tenant.Client.GetAsync("/api/cafe/settings/registers"));
        await Keep(app.Operator().DeleteAsync($"{operatorApi}/odoo-connection"));
        await Keep(app.Operator().GetAsync($"{operatorApi}/odoo-sync"));

        var database = await DatabaseChecksum.DumpAsync(app.ConnectionString);
        var logs = string.Join('\n', app.Logs.Lines());
        var metrics = await (await Keep(app.Operator().GetAsync("/metrics"))).Content.ReadAsStringAsync();
        var spans = string.Join('\n', app.Spans());

        // The paths ran: the key went to Odoo, failures were recorded, and the logs are Debug-deep.
        Assert.Contains(odoo.Calls, call => call.Method == "authenticate");
        Assert.Equal("odoo.exceptions.ValidationError: cannot write with key [redacted]", storedError);
        Assert.Contains(app.Logs.Lines(), line => line.StartsWith("Debug ", StringComparison.Ordinal));
        // The telemetry ran too: the Odoo calls were traced and counted, and log lines carry their trace in a scope.
        Assert.Contains("odoo common.authenticate", spans, StringComparison.Ordinal);
        Assert.Contains("nixcafe_odoo_sync_odoo_call_duration_seconds_count", metrics, StringComparison.Ordinal);
        Assert.Contains("TraceId", logs, StringComparison.Ordinal);
        Assert.True(responses.Count >= 15);
        foreach (var secret in new[] { OdooKey, tenant.Key, tenant.Key[(tenant.Key.IndexOf('.') + 1)..] })
        {
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, metrics, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, spans, StringComparison.Ordinal);
            Assert.All(responses, response => Assert.DoesNotContain(secret, response, StringComparison.Ordinal));
        }

        // Without a certificate the ring holds its master keys in clear: they stay out of the logs too.
        var masterKeys = (await TestPostgres.QueryAsync(app.ConnectionString, "SELECT xml FROM odoo_sync.data_protection_keys"))
            .SelectMany(row => XElement.Parse((string)row["xml"]!).Descendants("value")).Select(value => value.Value).ToList();
        Assert.NotEmpty(masterKeys);
        Assert.All(masterKeys, masterKey => Assert.DoesNotContain(masterKey, logs + metrics + spans, StringComparison.Ordinal));
    }
}
