using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.DeactivateRegister;

/// <summary>Takes a register out of service; needs no validator (the route guarantees the id).</summary>
public sealed record DeactivateRegisterCommand(Guid RegisterId) : ICommand<Done>;

internal sealed class DeactivateRegisterCommandHandler(RegistersDbContext db, ICurrentTenant tenant, TimeProvider clock)
    : IRequestHandler<DeactivateRegisterCommand, Done>
{
    public async Task<Done> Handle(DeactivateRegisterCommand request, CancellationToken cancellationToken)
    {
        (await db.GetForTenantAsync(request.RegisterId, tenant.Id, cancellationToken)).Deactivate(clock);
        return Done.Value;
    }
}

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
