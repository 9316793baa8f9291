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

    /// <summary>Replaces the test's fake Odoo with one of <paramref name="version"/> (16 by default).</summary>
    protected async Task UseOdooAsync(int version, bool jsonRpc = true)
    {
        await Odoo.DisposeAsync();
        Odoo = await FakeOdooServer.StartAsync(version: version, jsonRpc: jsonRpc);
    }

    /// <summary>The template a new register copies: the first active pos.config of the fake's demo data.</summary>
    protected FakePosConfig Template => Odoo.PosConfigs.Where(config => config.Active).MinBy(config => config.Id)!;

    /// <summary>The pos.config that carries the register's external id.</summary>
    protected FakePosConfig InOdoo(Guid registerId) =>
        Assert.Single(Odoo.PosConfigs, config => config.Id == Odoo.IdOfExternalId($"__nixcafe__.register_{registerId:N}"));

    /// <summary>How many <c>load</c>s of <paramref name="model"/> Odoo received.</summary>
    protected int Loads(string model = "pos.config") => Odoo.Calls.Count(call => call.ModelMethod == "load" && call.Model == model);

    /// <summary>Creates a register through the tenant API, as a cafe admin would.</summary>
    protected static async Task<Guid> CreateAsync(TestTenant tenant, string name, Guid? shopId = null) =>
        (await (await tenant.Client.PostAsJsonAsync(Registers, new { shopId = shopId ?? tenant.ShopId, name })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;
}
