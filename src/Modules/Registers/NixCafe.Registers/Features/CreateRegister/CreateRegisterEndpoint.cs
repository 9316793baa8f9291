using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.Registers.Features.CreateRegister;

internal static class CreateRegisterEndpoint
{
    public static void MapCreateRegister(this RouteGroupBuilder registers) =>
        registers.MapPost("/", async (CreateRegisterRequest body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var id = await mediator.Send(new CreateRegisterCommand(body.ShopId, body.Name, body.Prefix), cancellationToken);
                return TypedResults.Created($"/api/cafe/settings/registers/{id}", await mediator.Send(new GetRegisterQuery(id), cancellationToken));
            })
            .WithName("CreateRegister");
}
