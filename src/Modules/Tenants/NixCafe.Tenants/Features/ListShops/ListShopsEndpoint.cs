using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NixCafe.Tenants.Features.ListShops;

internal static class ListShopsEndpoint
{
    public static void MapListShops(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/cafe/settings/shops", async (IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListShopsQuery(), cancellationToken)))
            .WithName("ListShops")
            .WithTags("Shops");
}
