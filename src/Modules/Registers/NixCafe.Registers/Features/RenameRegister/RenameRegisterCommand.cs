using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.RenameRegister;

public sealed record RenameRegisterCommand(Guid RegisterId, string? Name) : ICommand<Done>;

internal sealed class RenameRegisterCommandValidator : AbstractValidator<RenameRegisterCommand>
{
    public RenameRegisterCommandValidator() =>
        RuleFor(command => command.Name).Custom((name, context) => RegisterFieldRules.CheckName(name, context));
}

internal sealed class RenameRegisterCommandHandler(RegistersDbContext db, ICurrentTenant tenant, TimeProvider clock)
    : IRequestHandler<RenameRegisterCommand, Done>
{
    public async Task<Done> Handle(RenameRegisterCommand request, CancellationToken cancellationToken)
    {
        var register = await db.GetForTenantAsync(request.RegisterId, tenant.Id, cancellationToken);
        register.Rename(RegisterName.Create(request.Name), await db.RegistersOfShopAsync(register.ShopId, cancellationToken), clock);
        return Done.Value;
    }
}

public sealed record RenameRegisterRequest(string? Name);

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
