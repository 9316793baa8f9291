using MediatR;
using NixCafe.OdooSync.Features.ManageConnection;
using NixCafe.Tenants.Contracts;
using NixCafe.Tenants.Features.AddShop;
using NixCafe.Tenants.Features.AddTenant;
using NixCafe.Tenants.Features.IssueApiKey;
using Npgsql;

namespace NixCafe.Host;

/// <summary>
/// The demo of the README's quick start: a Starter and a Pro tenant, the Pro one connected to the
/// Odoo named by <c>NixCafe:Demo:Odoo*</c> (the fake Odoo that build/run.sh starts, or a real one).
/// Seeded once; each start issues fresh keys and prints them, since keys are never stored in clear.
/// </summary>
internal static class DemoData
{
    private const string StarterName = "Corner Cafe (demo, starter)";
    private const string ProName = "Get Coffee (demo, pro)";

    public static async Task SeedAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var demo = app.Configuration.GetSection("NixCafe:Demo");
        if (!demo.GetValue<bool>("Enabled"))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var starter = await FindOrAddTenantAsync(scope.ServiceProvider, mediator, StarterName, TenantPlans.Starter, cancellationToken);
        var pro = await FindOrAddTenantAsync(scope.ServiceProvider, mediator, ProName, TenantPlans.Pro, cancellationToken);
        await mediator.Send(new SetOdooConnectionCommand(pro.Id,
            demo["OdooUrl"] ?? "http://127.0.0.1:8069/", demo["OdooDatabase"] ?? "odoo", demo["OdooLogin"] ?? "admin", demo["OdooApiKey"] ?? "fake-odoo-api-key"), cancellationToken);

        var starterKey = await mediator.Send(new IssueApiKeyCommand(starter.Id), cancellationToken);
        var proKey = await mediator.Send(new IssueApiKeyCommand(pro.Id), cancellationToken);
        Console.Out.WriteLine($"""

            NixCafe demo
              Starter tenant {starter.Id}, shop {starter.ShopId}
                KEY_STARTER={starterKey.Key}
              Pro tenant {pro.Id} (Odoo at {demo["OdooUrl"] ?? "http://127.0.0.1:8069/"}), shop {pro.ShopId}
                KEY_PRO={proKey.Key}
                SHOP_PRO={pro.ShopId}

            """);
    }

    private static async Task<(Guid Id, Guid ShopId)> FindOrAddTenantAsync(IServiceProvider services, IMediator mediator, string name, string plan, CancellationToken cancellationToken)
    {
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT t.id, s.id FROM commerce.tenants t JOIN commerce.shops s ON s.tenant_id = t.id WHERE t.name = $1 ORDER BY s.created_at LIMIT 1");
        command.Parameters.AddWithValue(name);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return (reader.GetGuid(0), reader.GetGuid(1));
            }
        }

        var tenantId = await mediator.Send(new AddTenantCommand(name, plan), cancellationToken);
        var shopId = await mediator.Send(new AddShopCommand(tenantId, "Main Street"), cancellationToken);
        return (tenantId, shopId);
    }
}
