using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.ManageConnection;

namespace NixCafe.IntegrationTests.Security;

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
