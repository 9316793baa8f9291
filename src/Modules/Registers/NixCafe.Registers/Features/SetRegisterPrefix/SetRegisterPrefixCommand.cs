using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.SetRegisterPrefix;

/// <summary>Sets the order-number prefix; a null or blank prefix clears it.</summary>
public sealed record SetRegisterPrefixCommand(Guid RegisterId, string? Prefix) : ICommand<Done>;

internal sealed class SetRegisterPrefixCommandValidator : AbstractValidator<SetRegisterPrefixCommand>
{
    public SetRegisterPrefixCommandValidator() =>
        RuleFor(command => command.Prefix).Custom((prefix, context) => RegisterFieldRules.CheckPrefix(prefix, context));
}

internal sealed class SetRegisterPrefixCommandHandler(RegistersDbContext db, ICurrentTenant tenant, TimeProvider clock)
    : IRequestHandler<SetRegisterPrefixCommand, Done>
{
    public async Task<Done> Handle(SetRegisterPrefixCommand request, CancellationToken cancellationToken)
    {
        var register = await db.GetForTenantAsync(request.RegisterId, tenant.Id, cancellationToken);
        register.SetPrefix(SequencePrefix.Create(request.Prefix), await db.RegistersOfShopAsync(register.ShopId, cancellationToken), clock);
        return Done.Value;
    }
}

public sealed record SetRegisterPrefixRequest(string? Prefix);

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
