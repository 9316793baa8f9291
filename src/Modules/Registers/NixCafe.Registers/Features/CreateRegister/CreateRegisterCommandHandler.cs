using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Contracts;

namespace NixCafe.Registers.Features.CreateRegister;

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
