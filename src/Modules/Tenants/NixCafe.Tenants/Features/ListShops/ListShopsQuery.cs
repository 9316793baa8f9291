using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.ListShops;

public sealed record ShopResponse(Guid Id, string Name);

/// <summary>The authenticated tenant's shops, for the shop dropdown.</summary>
public sealed record ListShopsQuery : IQuery<IReadOnlyList<ShopResponse>>;

internal sealed class ListShopsQueryHandler(TenantsDbContext db) : IRequestHandler<ListShopsQuery, IReadOnlyList<ShopResponse>>
{
    public async Task<IReadOnlyList<ShopResponse>> Handle(ListShopsQuery request, CancellationToken cancellationToken) =>
        await db.Shops.AsNoTracking()
            .OrderBy(shop => shop.Name).ThenBy(shop => shop.Id)
            .Select(shop => new ShopResponse(shop.Id, shop.Name))
            .ToListAsync(cancellationToken);
}

internal static class ListShopsEndpoint
{
    public static void MapListShops(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/cafe/settings/shops", async (IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListShopsQuery(), cancellationToken)))
            .WithName("ListShops")
            .WithTags("Shops");
}
