using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.Registers.Features.RenameRegister;

internal static class RenameRegisterEndpoint
{
    public static void MapRenameRegister(this RouteGroupBuilder registers) =>
        registers.MapPut("/{registerId:guid}/name", async (Guid registerId, RenameRegisterRequest body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new RenameRegisterCommand(registerId, body.Name), cancellationToken);
                return TypedResults.Ok(await mediator.Send(new GetRegisterQuery(registerId), cancellationToken));
            })
            .WithName("RenameRegister");
}
