using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NixCafe.Registers.Features.ListRegisters;

internal static class ListRegistersEndpoint
{
    public static void MapListRegisters(this RouteGroupBuilder registers)
    {
        registers.MapGet("/", async (Guid? shopId, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListRegistersQuery(shopId), cancellationToken)))
            .WithName("ListRegisters");
        registers.MapGet("/{registerId:guid}", async (Guid registerId, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetRegisterQuery(registerId), cancellationToken)))
            .WithName("GetRegister");
    }
}
