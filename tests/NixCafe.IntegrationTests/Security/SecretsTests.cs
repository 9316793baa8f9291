using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.ManageConnection;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Security;

/// <summary>The host logging everything, Debug and Trace included, into memory.</summary>
public sealed class LoggedOdooSyncFixture : OdooSyncFixture
{
    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    protected override void Customise(WebApplicationBuilder builder)
    {
        base.Customise(builder);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter(_ => true);
        builder.Logging.AddFakeLogging();
    }
}

public sealed class SecretsTests(LoggedOdooSyncFixture app) : IClassFixture<LoggedOdooSyncFixture>
{
    private const string OdooKey = "odoo-key-SECRET-7f3a2c9e41d8";

    [Fact]
    public async Task The_odoo_key_and_the_tenant_key_appear_in_no_log_response_or_column()
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

        // The paths ran: the key went to Odoo, failures were recorded, and the logs are Debug-deep.
        Assert.Contains(odoo.Calls, call => call.Method == "authenticate");
        Assert.Equal("odoo.exceptions.ValidationError: cannot write with key [redacted]", storedError);
        Assert.Contains(app.Logs.Lines(), line => line.StartsWith("Debug ", StringComparison.Ordinal));
        Assert.True(responses.Count >= 15);
        foreach (var secret in new[] { OdooKey, tenant.Key, tenant.Key[(tenant.Key.IndexOf('.') + 1)..] })
        {
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.All(responses, response => Assert.DoesNotContain(secret, response, StringComparison.Ordinal));
        }

        // Without a certificate the ring holds its master keys in clear: they stay out of the logs too.
        var masterKeys = (await TestPostgres.QueryAsync(app.ConnectionString, "SELECT xml FROM odoo_sync.data_protection_keys"))
            .SelectMany(row => XElement.Parse((string)row["xml"]!).Descendants("value")).Select(value => value.Value).ToList();
        Assert.NotEmpty(masterKeys);
        Assert.All(masterKeys, masterKey => Assert.DoesNotContain(masterKey, logs, StringComparison.Ordinal));
    }
}

public sealed class KeyRingRotationTests(OdooSyncFixture app) : IClassFixture<OdooSyncFixture>
{
    [Fact]
    public async Task After_a_new_key_is_added_to_the_ring_old_connections_still_decrypt_and_new_ones_use_it()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync(apiKey: "odoo-key-rotation-51c2");
        var before = await app.ConnectedProTenantAsync(odoo, name: "Encrypted before");
        var keysBefore = await TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM odoo_sync.data_protection_keys");

        var keyManager = app.App.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();
        var newKey = keyManager.CreateNewKey(DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(90));
        var after = await app.ConnectedProTenantAsync(odoo, name: "Encrypted after");
        var oldTest = await (await app.Operator().PostAsync($"/api/operator/tenants/{before.Id}/odoo-connection/test", null)).ReadOkAsync<ConnectionTestResult>();
        var newTest = await (await app.Operator().PostAsync($"/api/operator/tenants/{after.Id}/odoo-connection/test", null)).ReadOkAsync<ConnectionTestResult>();

        Assert.True(oldTest.Ok, oldTest.Message);
        Assert.True(newTest.Ok, newTest.Message);
        Assert.Equal(keysBefore + 1, await TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM odoo_sync.data_protection_keys"));
        Assert.Contains(newKey.KeyId.ToString(), await TestPostgres.ScalarAsync<string>(app.ConnectionString, "SELECT string_agg(xml, '') FROM odoo_sync.data_protection_keys"));
    }
}

public sealed class UnreadableKeyTests(OdooSyncFixture app) : IClassFixture<OdooSyncFixture>
{
    [Fact]
    public async Task A_key_the_ring_can_no_longer_decrypt_fails_the_connection_test_with_a_clear_message()
    {
        await app.ResetAsync();
        await using var odoo = await FakeOdooServer.StartAsync();
        var tenant = await app.ConnectedProTenantAsync(odoo);
        // As if encrypted with a key the ring no longer holds.
        var stored = await TestPostgres.ScalarAsync<string>(app.ConnectionString, "SELECT api_key_protected FROM odoo_sync.tenant_connections");
        await TestPostgres.ExecuteAsync(app.ConnectionString, $"UPDATE odoo_sync.tenant_connections SET api_key_protected = '{stored![..8]}AAAA{stored[12..]}'");

        var result = await (await app.Operator().PostAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection/test", null)).ReadOkAsync<ConnectionTestResult>();

        Assert.Equal((false, "decrypt"), (result.Ok, result.Stage));
        Assert.StartsWith("the stored API key cannot be decrypted", result.Message);
        Assert.False(await TestPostgres.ScalarAsync<bool>(app.ConnectionString, "SELECT healthy FROM odoo_sync.tenant_connections"));
    }
}
