using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.ListShops;

internal sealed class ListShopsQueryHandler(TenantsDbContext db) : IRequestHandler<ListShopsQuery, IReadOnlyList<ShopResponse>>
{
    public async Task<IReadOnlyList<ShopResponse>> Handle(ListShopsQuery request, CancellationToken cancellationToken) =>
        await db.Shops.AsNoTracking()
            .OrderBy(shop => shop.Name).ThenBy(shop => shop.Id)
            .Select(shop => new ShopResponse(shop.Id, shop.Name))
            .ToListAsync(cancellationToken);
}
