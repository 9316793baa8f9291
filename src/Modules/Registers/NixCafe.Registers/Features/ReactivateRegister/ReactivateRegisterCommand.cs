using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ReactivateRegister;

/// <summary>Puts a register back in service; needs no validator (the route guarantees the id).</summary>
public sealed record ReactivateRegisterCommand(Guid RegisterId) : ICommand<Done>;

internal sealed class ReactivateRegisterCommandHandler(RegistersDbContext db, ICurrentTenant tenant, TimeProvider clock)
    : IRequestHandler<ReactivateRegisterCommand, Done>
{
    public async Task<Done> Handle(ReactivateRegisterCommand request, CancellationToken cancellationToken)
    {
        (await db.GetForTenantAsync(request.RegisterId, tenant.Id, cancellationToken)).Reactivate(clock);
        return Done.Value;
    }
}

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
