using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.RenameRegister;

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
