using System.Net;
using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Support;

/// <summary>A test class of the connector: each test gets a clean database and a fresh fake Odoo.</summary>
public abstract class OdooSyncTestBase(OdooSyncFixture app) : IClassFixture<OdooSyncFixture>, IAsyncLifetime
{
    protected const string Registers = "/api/cafe/settings/registers";

    protected OdooSyncFixture App { get; } = app;

    protected FakeOdooServer Odoo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.ResetAsync();
        Odoo = await FakeOdooServer.StartAsync();
    }

    public async Task DisposeAsync() => await Odoo.DisposeAsync();

    /// <summary>Creates a register through the tenant API, as a cafe admin would.</summary>
    protected static async Task<Guid> CreateAsync(TestTenant tenant, string name, Guid? shopId = null) =>
        (await (await tenant.Client.PostAsJsonAsync(Registers, new { shopId = shopId ?? tenant.ShopId, name })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;
}
