using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.Registers.Features.DeactivateRegister;

internal static class DeactivateRegisterEndpoint
{
    public static void MapDeactivateRegister(this RouteGroupBuilder registers) =>
        registers.MapPost("/{registerId:guid}/deactivate", async (Guid registerId, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new DeactivateRegisterCommand(registerId), cancellationToken);
                return TypedResults.Ok(await mediator.Send(new GetRegisterQuery(registerId), cancellationToken));
            })
            .WithName("DeactivateRegister");
}
