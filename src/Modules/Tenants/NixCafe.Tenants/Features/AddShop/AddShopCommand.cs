using FluentValidation;
using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.AddShop;

/// <summary>Operator verb: a new shop of a tenant.</summary>
public sealed record AddShopCommand(Guid TenantId, string Name) : ICommand<Guid>, ITenantScopedRequest;

internal sealed class AddShopCommandValidator : AbstractValidator<AddShopCommand>
{
    public AddShopCommandValidator()
    {
        RuleFor(command => command.Name).NotEmpty().Must(name => name.Trim().Length is >= 1 and <= 100)
            .WithMessage("The shop name must be 1 to 100 characters.");
    }
}

internal sealed class AddShopCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<AddShopCommand, Guid>
{
    public async Task<Guid> Handle(AddShopCommand request, CancellationToken cancellationToken)
    {
        _ = await db.Tenants.FindAsync([request.TenantId], cancellationToken) ?? throw new NotFoundException("Tenant", request.TenantId);
        var shop = Shop.Create(request.TenantId, request.Name, clock);
        db.Shops.Add(shop);
        return shop.Id;
    }
}
