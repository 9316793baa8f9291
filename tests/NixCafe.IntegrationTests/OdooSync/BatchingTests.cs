using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>A tenant's due registers go to Odoo in as few calls as Odoo's all-or-nothing load allows.</summary>
public sealed class BatchingTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private int Calls(string modelMethod) => Odoo.Calls.Count(call => call.ModelMethod == modelMethod);

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
    [InlineData(10, 1)]
    [InlineData(25, 3)]
    public async Task A_drain_pushes_every_due_create_a_load_per_batch_of_ten_after_one_template_read(int creates, int loads)
    {
        var tenant = await ConnectedTenantWithPendingCreatesAsync(creates);

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(creates, result.Created);
        Assert.Equal((loads, 1, 1), (Calls("load"), Calls("search_read"), Calls("fields_get")));
        Assert.Equal(creates + 1, Odoo.PosConfigs.Count);
        Assert.All(await RowsAsync(), row => Assert.Equal("synced", row["sync_state"]));
    }

    [Fact]
    public async Task One_drain_pushes_at_most_ten_batches_so_a_large_backlog_does_not_hold_its_slot()
    {
        var tenant = await ConnectedTenantWithPendingCreatesAsync(105);

        var first = await App.DrainAsync(tenant.Id);
        var second = await App.DrainAsync(tenant.Id);

        Assert.Equal((100, 5), (first.Created, second.Created));
        Assert.Equal(11, Calls("load"));
        Assert.All(await RowsAsync(), row => Assert.Equal("synced", row["sync_state"]));
    }

    [Fact]
    public async Task Renames_and_deactivations_of_one_tenant_go_in_one_load_by_database_id()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var ids = await ConnectedTenantWithSyncedRegistersAsync(tenant, 3);
        var loadsBefore = Calls("load");
        (await tenant.Client.PutAsJsonAsync($"{Registers}/{ids[0]}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        (await tenant.Client.PostAsync($"{Registers}/{ids[1]}/deactivate", null)).EnsureSuccessStatusCode();

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(2, result.Updated);
        Assert.Equal(1, Calls("load") - loadsBefore);
        Assert.Contains(Odoo.PosConfigs, config => config is { Name: "Counter", Active: true });
        Assert.Contains(Odoo.PosConfigs, config => config is { Name: "Till 1", Active: false });
    }

    [Fact]
    public async Task A_rowOdoo_refuses_gets_its_error_and_the_others_are_sent_again_without_it()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var ids = await ConnectedTenantWithSyncedRegistersAsync(tenant, 3);
        // A back-office user deletes one pos.config: its update names a database id Odoo no longer has.
        var deleted = Odoo.PosConfigs.Single(config => config.Name == "Till 1").Id;
        Odoo.Edit(store => store.DeletePosConfig(deleted));
        var loadsBefore = Calls("load");
        for (var i = 0; i < ids.Count; i++)
        {
            (await tenant.Client.PutAsJsonAsync($"{Registers}/{ids[i]}/name", new { name = $"Renamed {i}" })).EnsureSuccessStatusCode();
        }

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal((2, 1, 1), (result.Updated, result.FailedUpdates, result.DeadLettered));
        Assert.Equal(2, Calls("load") - loadsBefore);
        var rows = await RowsAsync();
        var refused = Assert.Single(rows, row => (string)row["sync_state"]! == "sync_error");
        Assert.Contains("Unknown database identifier", (string)refused["sync_error_message"]!);
        Assert.Equal(2, rows.Count(row => (string)row["sync_state"]! == "synced"));
    }

    [Fact]
    public async Task A_batchOdoo_refuses_as_a_whole_falls_back_to_one_row_per_call()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(tenant, $"Till {i}");
        }

        Odoo.FailNext(1, new FakeOdooFault.RpcError("builtins.ValueError", "Invalid field 'x' on model 'pos.config'"), "load");

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(3, result.Created);
        Assert.Equal(1 + 3, Calls("load"));
        Assert.All(await RowsAsync(), row => Assert.Equal("synced", row["sync_state"]));
    }

    [Fact]
    public async Task Odoo_being_down_fails_the_batch_once_without_trying_each_row()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var ids = await ConnectedTenantWithSyncedRegistersAsync(tenant, 3);
        foreach (var id in ids)
        {
            (await tenant.Client.PostAsync($"{Registers}/{id}/deactivate", null)).EnsureSuccessStatusCode();
        }

        var loadsBefore = Calls("load");
        Odoo.FailNext(1, new FakeOdooFault.ServiceUnavailable(), "load");

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(3, result.FailedUpdates);
        Assert.Equal(1, Calls("load") - loadsBefore);
        Assert.All(await RowsAsync(), row => Assert.Equal("pending_update", row["sync_state"]));
    }
}
