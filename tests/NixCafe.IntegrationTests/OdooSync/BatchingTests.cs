using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>A tenant's due registers go to Odoo in as few calls as Odoo's all-or-nothing load allows.</summary>
public sealed class BatchingTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private int Calls(string modelMethod) => Odoo.Calls.Count(call => call.ModelMethod == modelMethod);

    public static TheoryData<int, int, int> BatchSizes => new() { { 16, 10, 1 }, { 16, 25, 3 }, { 19, 10, 1 }, { 19, 25, 3 } };

    private Task<List<Dictionary<string, object?>>> RowsAsync() =>
        TestPostgres.QueryAsync(App.ConnectionString, "SELECT name, sync_state, sync_error_message FROM cafe.pos_configs ORDER BY name");

    private async Task<List<Guid>> ConnectedTenantWithSyncedRegistersAsync(TestTenant tenant, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await CreateAsync(tenant, $"Till {i}"));
        }

        await App.DrainAsync(tenant.Id);
        return ids;
    }

    private async Task<TestTenant> ConnectedTenantWithPendingCreatesAsync(int count)
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        for (var i = 0; i < count; i++)
        {
            await CreateAsync(tenant, $"Till {i:000}");
        }

        return tenant;
    }

    [Theory]
    [MemberData(nameof(BatchSizes))]
    public async Task A_drain_pushes_every_due_create_in_three_loads_per_batch_of_ten_after_one_template_read(int odooVersion, int creates, int batches)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await ConnectedTenantWithPendingCreatesAsync(creates);

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(creates, result.Created);
        // Per batch: the cash journals, the cash methods, the configs; per drain: the template and its methods' cash flags.
        Assert.Equal((batches, batches, batches), (Loads("account.journal"), Loads("pos.payment.method"), Loads()));
        Assert.Equal((2, 1, 2), (Calls("search_read"), Calls("fields_get"), Calls("check_access_rights")));
        Assert.Equal(creates + Odoo.SeededPosConfigCount, Odoo.PosConfigs.Count);
        Assert.All(await RowsAsync(), row => Assert.Equal("synced", row["sync_state"]));
    }

    [Fact]
    public async Task One_drain_pushes_at_most_ten_batches_so_a_large_backlog_does_not_hold_its_slot()
    {
        var tenant = await ConnectedTenantWithPendingCreatesAsync(105);

        var first = await App.DrainAsync(tenant.Id);
        var second = await App.DrainAsync(tenant.Id);

        Assert.Equal((100, 5), (first.Created, second.Created));
        Assert.Equal(11, Loads());
        Assert.All(await RowsAsync(), row => Assert.Equal("synced", row["sync_state"]));
    }

    [Theory]
    [OdooVersions]
    public async Task Renames_and_deactivations_of_one_tenant_go_in_one_load_by_database_id(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var ids = await ConnectedTenantWithSyncedRegistersAsync(tenant, 3);
        var loadsBefore = Loads();
        (await tenant.Client.PutAsJsonAsync($"{Registers}/{ids[0]}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        (await tenant.Client.PostAsync($"{Registers}/{ids[1]}/deactivate", null)).EnsureSuccessStatusCode();

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(2, result.Updated);
        Assert.Equal(1, Loads() - loadsBefore);
        Assert.Contains(Odoo.PosConfigs, config => config is { Name: "Counter", Active: true });
        Assert.Contains(Odoo.PosConfigs, config => config is { Name: "Till 1", Active: false });
    }

    [Fact]
    public async Task A_hundred_renames_of_one_tenant_go_to_odoo_in_one_load_not_one_per_ten()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var ids = await ConnectedTenantWithSyncedRegistersAsync(tenant, 100);
        var loadsBefore = Loads();
        for (var i = 0; i < ids.Count; i++)
        {
            (await tenant.Client.PutAsJsonAsync($"{Registers}/{ids[i]}/name", new { name = $"Renamed {i}" })).EnsureSuccessStatusCode();
        }

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(100, result.Updated);
        Assert.Equal(1, Loads() - loadsBefore);
        Assert.Equal(100, Odoo.PosConfigs.Count(config => config.Name.StartsWith("Renamed ", StringComparison.Ordinal)));
        Assert.All(await RowsAsync(), row => Assert.Equal("synced", row["sync_state"]));
    }

    [Theory]
    [OdooVersions]
    public async Task A_rowOdoo_refuses_gets_its_error_and_the_others_are_sent_again_without_it(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var ids = await ConnectedTenantWithSyncedRegistersAsync(tenant, 3);
        // A back-office user deletes one pos.config: its update names a database id Odoo no longer has.
        var deleted = Odoo.PosConfigs.Single(config => config.Name == "Till 1").Id;
        Odoo.Edit(store => store.DeletePosConfig(deleted));
        var loadsBefore = Loads();
        for (var i = 0; i < ids.Count; i++)
        {
            (await tenant.Client.PutAsJsonAsync($"{Registers}/{ids[i]}/name", new { name = $"Renamed {i}" })).EnsureSuccessStatusCode();
        }

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal((2, 1, 1), (result.Updated, result.FailedUpdates, result.DeadLettered));
        Assert.Equal(2, Loads() - loadsBefore);
        var rows = await RowsAsync();
        var refused = Assert.Single(rows, row => (string)row["sync_state"]! == "sync_error");
        Assert.Contains("Unknown database identifier", (string)refused["sync_error_message"]!);
        Assert.Equal(2, rows.Count(row => (string)row["sync_state"]! == "synced"));
    }

    [Theory]
    [OdooVersions]
    public async Task A_batchOdoo_refuses_as_a_whole_falls_back_to_one_row_per_call(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(tenant, $"Till {i}");
        }

        Odoo.FailNext(1, new FakeOdooFault.RpcError("builtins.ValueError", "Invalid field 'x' on model 'pos.config'"), "load", model: "pos.config");

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(3, result.Created);
        Assert.Equal(1 + 3, Loads());
        Assert.All(await RowsAsync(), row => Assert.Equal("synced", row["sync_state"]));
    }

    [Theory]
    [OdooVersions]
    public async Task Odoo_being_down_fails_the_batch_once_without_trying_each_row(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var ids = await ConnectedTenantWithSyncedRegistersAsync(tenant, 3);
        foreach (var id in ids)
        {
            (await tenant.Client.PostAsync($"{Registers}/{id}/deactivate", null)).EnsureSuccessStatusCode();
        }

        var loadsBefore = Loads();
        Odoo.FailNext(1, new FakeOdooFault.ServiceUnavailable(), "load");

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(3, result.FailedUpdates);
        Assert.Equal(1, Loads() - loadsBefore);
        Assert.All(await RowsAsync(), row => Assert.Equal("pending_update", row["sync_state"]));
    }
}
