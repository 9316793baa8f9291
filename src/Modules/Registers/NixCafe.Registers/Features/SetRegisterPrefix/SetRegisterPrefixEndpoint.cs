using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.Registers.Features.SetRegisterPrefix;

internal static class SetRegisterPrefixEndpoint
{
    public static void MapSetRegisterPrefix(this RouteGroupBuilder registers) =>
        registers.MapPut("/{registerId:guid}/prefix", async (Guid registerId, SetRegisterPrefixRequest body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new SetRegisterPrefixCommand(registerId, body.Prefix), cancellationToken);
                return TypedResults.Ok(await mediator.Send(new GetRegisterQuery(registerId), cancellationToken));
            })
            .WithName("SetRegisterPrefix");
}
