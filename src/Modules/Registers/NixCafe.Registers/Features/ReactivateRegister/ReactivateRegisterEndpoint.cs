using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.Registers.Features.ReactivateRegister;

internal static class ReactivateRegisterEndpoint
{
    public static void MapReactivateRegister(this RouteGroupBuilder registers) =>
        registers.MapPost("/{registerId:guid}/reactivate", async (Guid registerId, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new ReactivateRegisterCommand(registerId), cancellationToken);
                return TypedResults.Ok(await mediator.Send(new GetRegisterQuery(registerId), cancellationToken));
            })
            .WithName("ReactivateRegister");
}
