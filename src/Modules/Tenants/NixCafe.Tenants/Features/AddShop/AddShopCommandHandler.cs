using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.AddShop;

internal sealed class AddShopCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<AddShopCommand, Guid>
{
    public async Task<Guid> Handle(AddShopCommand request, CancellationToken cancellationToken)
    {
        _ = await db.Tenants.FindAsync([request.TenantId], cancellationToken) ?? throw new NotFoundException("Tenant", request.TenantId);
        var shop = Shop.Create(request.TenantId, request.Name, clock);
        db.Shops.Add(shop);
        return shop.Id;
    }
}
