using Microsoft.Extensions.DependencyInjection;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.ManageConnection;

namespace NixCafe.IntegrationTests.Security;

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
