using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Security;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// A stored Odoo key the host cannot decrypt (its Data Protection key lost or rotated away, or the
/// stored value damaged) is the connection's problem, not the registers': the drain pauses the
/// tenant and says so, and entering the key again resumes it.
/// </summary>
public sealed class UnreadableKeyDrainTests(LoggedOdooSyncFixture app) : IClassFixture<LoggedOdooSyncFixture>, IAsyncLifetime
{
    private const string OdooKey = "odoo-key-UNREADABLE-93b1e0";

    private FakeOdooServer _odoo = null!;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        _odoo = await FakeOdooServer.StartAsync(apiKey: OdooKey);
    }

    public async Task DisposeAsync() => await _odoo.DisposeAsync();

    public enum Breakage
    {
        KeyGoneFromTheRing,
        DamagedValue,
    }

    /// <summary>A Pro tenant with two registers waiting for their create, whose stored key is then made unreadable; returns the stored value.</summary>
    private async Task<(TestTenant Tenant, Guid[] Registers, string Stored)> BrokenTenantAsync(Breakage breakage, string name = "Broken key")
    {
        var tenant = await app.ConnectedProTenantAsync(_odoo, OdooKey, name);
        Guid[] registers = [await CreateAsync(tenant, "Front"), await CreateAsync(tenant, "Drive")];
        var stored = breakage == Breakage.KeyGoneFromTheRing
            // Encrypted by a ring this host never had, as after the ring table was lost or restored from elsewhere.
            ? new EphemeralDataProtectionProvider().CreateProtector("NixCafe.OdooSync.TenantApiKey.v1").Protect(OdooKey)
            : "CfDJ8damaged-" + Guid.NewGuid().ToString("N");
        await TestPostgres.ExecuteAsync(app.ConnectionString, $"UPDATE odoo_sync.tenant_connections SET api_key_protected = '{stored}' WHERE tenant_id = '{tenant.Id}'");
        return (tenant, registers, stored);
    }

    private static async Task<Guid> CreateAsync(TestTenant tenant, string name) =>
        (await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name }))
            .ReadOkAsync<NixCafe.Registers.Features.ListRegisters.RegisterResponse>(System.Net.HttpStatusCode.Created)).Id;

    private Task<List<Dictionary<string, object?>>> RowsAsync(Guid tenantId) =>
        TestPostgres.QueryAsync(app.ConnectionString,
            $"SELECT sync_state, odoo_sync_retries, odoo_next_attempt_at, claim_token FROM cafe.pos_configs WHERE tenant_id = '{tenantId}'");

    private static async Task<JsonElement> ConnectionOfAsync(HttpResponseMessage response) =>
        (await response.ReadOkAsync<JsonElement>()).GetProperty("connection");

    [Theory]
    [InlineData(Breakage.KeyGoneFromTheRing)]
    [InlineData(Breakage.DamagedValue)]
    public async Task The_drain_pushes_nothing_and_spends_no_retry_claim_or_dead_letter(Breakage breakage)
    {
        var (tenant, _, _) = await BrokenTenantAsync(breakage);

        var first = await app.DrainAsync(tenant.Id);
        var second = await app.DrainAsync(tenant.Id);

        Assert.Contains("cannot be decrypted", first.Skipped);
        Assert.NotNull(second.Skipped);
        Assert.Equal((0, 0, 0), (first.PendingCreates, first.FailedCreates, first.DeadLettered));
        Assert.Empty(_odoo.Calls);
        Assert.All(await RowsAsync(tenant.Id), row =>
        {
            Assert.Equal("pending_create", row["sync_state"]);
            Assert.Equal(0, row["odoo_sync_retries"]);
            Assert.Null(row["odoo_next_attempt_at"]);
            Assert.Null(row["claim_token"]);
        });
    }

    [Fact]
    public async Task The_tenants_status_and_the_operators_say_the_key_must_be_entered_again()
    {
        var (tenant, _, _) = await BrokenTenantAsync(Breakage.KeyGoneFromTheRing);

        // Said at once, before any drain has tripped on it…
        var beforeDrain = await ConnectionOfAsync(await tenant.Client.GetAsync("/api/cafe/odoo-sync/status"));
        await app.DrainAsync(tenant.Id);
        var tenantView = await ConnectionOfAsync(await tenant.Client.GetAsync("/api/cafe/odoo-sync/status"));
        var operatorView = await ConnectionOfAsync(await app.Operator().GetAsync($"/api/operator/tenants/{tenant.Id}/odoo-sync"));

        Assert.True(beforeDrain.GetProperty("apiKeyNeedsReentry").GetBoolean());
        foreach (var view in new[] { tenantView, operatorView })
        {
            Assert.True(view.GetProperty("apiKeyNeedsReentry").GetBoolean());
            Assert.False(view.GetProperty("healthy").GetBoolean());
            Assert.Equal(TenantConnections.UnreadableKeyReason, view.GetProperty("lastError").GetString());
        }
    }

    [Fact]
    public async Task One_warning_is_logged_however_many_drains_skip_and_it_holds_neither_the_key_nor_the_ciphertext()
    {
        var (tenant, _, stored) = await BrokenTenantAsync(Breakage.KeyGoneFromTheRing);
        var logged = app.Logs.Count;

        for (var drain = 0; drain < 3; drain++)
        {
            await app.DrainAsync(tenant.Id);
            await app.SendAsync(new RunOdooSyncTickCommand());
        }

        var lines = app.Logs.Lines().Skip(logged).ToList();
        var warning = Assert.Single(lines, line => line.Contains("cannot be decrypted", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", warning);
        Assert.Contains(tenant.Id.ToString(), warning);
        Assert.DoesNotContain(lines, line => line.Contains(OdooKey, StringComparison.Ordinal) || line.Contains(stored, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_tenants_drains_push_as_usual()
    {
        var (broken, _, _) = await BrokenTenantAsync(Breakage.DamagedValue);
        var healthy = await app.ConnectedProTenantAsync(_odoo, OdooKey, "Healthy");
        var front = await CreateAsync(healthy, "Front");

        var tick = await app.SendAsync(new RunOdooSyncTickCommand());

        Assert.Equal((2, 0, 1, 1), (tick.Tenants, tick.FailedTenants, tick.Created, tick.Skipped));
        Assert.NotNull(Assert.Single(tick.Results, result => result.TenantId == broken.Id).Skipped);
        Assert.Equal("synced", Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString, $"SELECT sync_state FROM cafe.pos_configs WHERE id = '{front}'"))["sync_state"]);
    }

    [Fact]
    public async Task A_key_that_decrypts_again_resumes_the_pushes_without_being_entered_again()
    {
        var tenant = await app.ConnectedProTenantAsync(_odoo, OdooKey, "Readable again");
        Guid[] registers = [await CreateAsync(tenant, "Front"), await CreateAsync(tenant, "Drive")];
        var readable = await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT api_key_protected FROM odoo_sync.tenant_connections WHERE tenant_id = '{tenant.Id}'");
        // As when a host without the key ring's certificate drained the tenant, then one with it.
        await TestPostgres.ExecuteAsync(app.ConnectionString, $"UPDATE odoo_sync.tenant_connections SET api_key_protected = 'CfDJ8unreadable' WHERE tenant_id = '{tenant.Id}'");
        var paused = await app.DrainAsync(tenant.Id);
        await TestPostgres.ExecuteAsync(app.ConnectionString, $"UPDATE odoo_sync.tenant_connections SET api_key_protected = '{readable}' WHERE tenant_id = '{tenant.Id}'");

        var resumed = await app.DrainAsync(tenant.Id);
        var status = await ConnectionOfAsync(await tenant.Client.GetAsync("/api/cafe/odoo-sync/status"));

        Assert.Contains("cannot be decrypted", paused.Skipped);
        Assert.Equal((2, null), (resumed.Created, resumed.Skipped));
        Assert.True(status.GetProperty("healthy").GetBoolean());
        Assert.True(status.GetProperty("lastError").ValueKind == JsonValueKind.Null);
        Assert.All(await RowsAsync(tenant.Id), row => Assert.Equal("synced", row["sync_state"]));
        Assert.Equal(registers.Length, _odoo.PosConfigs.Count(config => config.Name is "Front" or "Drive"));
    }

    [Fact]
    public async Task Entering_the_key_again_makes_the_next_drain_push_everything_that_waited()
    {
        var (tenant, registers, _) = await BrokenTenantAsync(Breakage.KeyGoneFromTheRing);
        await app.DrainAsync(tenant.Id);

        await app.ConnectAsync(tenant.Id, _odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, OdooKey);
        var status = await ConnectionOfAsync(await tenant.Client.GetAsync("/api/cafe/odoo-sync/status"));
        var drained = await app.DrainAsync(tenant.Id);

        Assert.False(status.GetProperty("apiKeyNeedsReentry").GetBoolean());
        Assert.True(status.GetProperty("healthy").GetBoolean());
        Assert.Equal((2, 2, null), (drained.PendingCreates, drained.Created, drained.Skipped));
        Assert.All(await RowsAsync(tenant.Id), row => Assert.Equal("synced", row["sync_state"]));
        Assert.Equal(registers.Length, _odoo.PosConfigs.Count(config => config.Name is "Front" or "Drive"));
    }
}
