using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.SetRegisterPrefix;

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
