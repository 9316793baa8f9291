using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Contracts;

namespace NixCafe.Registers.Features.CreateRegister;

public sealed record CreateRegisterCommand(Guid? ShopId, string? Name, string? Prefix) : ICommand<Guid>;

internal sealed class CreateRegisterCommandValidator : AbstractValidator<CreateRegisterCommand>
{
    public CreateRegisterCommandValidator()
    {
        RuleFor(command => command.ShopId).NotEmpty().WithMessage("The shop is required.");
        RuleFor(command => command.Name).Custom((name, context) => RegisterFieldRules.CheckName(name, context));
        RuleFor(command => command.Prefix).Custom((prefix, context) => RegisterFieldRules.CheckPrefix(prefix, context));
    }
}

internal sealed class CreateRegisterCommandHandler(RegistersDbContext db, ICurrentTenant tenant, ITenantDirectory tenants, TimeProvider clock)
    : IRequestHandler<CreateRegisterCommand, Guid>
{
    public async Task<Guid> Handle(CreateRegisterCommand request, CancellationToken cancellationToken)
    {
        var shopId = request.ShopId!.Value;
        var register = Register.Create(
            tenant.Id,
            shopId,
            await tenants.ShopBelongsToTenantAsync(tenant.Id, shopId, cancellationToken),
            RegisterName.Create(request.Name),
            SequencePrefix.Create(request.Prefix),
            await db.RegistersOfShopAsync(shopId, cancellationToken),
            clock);
        db.Registers.Add(register);
        return register.Id;
    }
}

public sealed record CreateRegisterRequest(Guid? ShopId, string? Name, string? Prefix);

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
