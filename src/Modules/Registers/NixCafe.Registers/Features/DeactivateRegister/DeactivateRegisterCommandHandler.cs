using MediatR;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.DeactivateRegister;

internal sealed class DeactivateRegisterCommandHandler(RegistersDbContext db, ICurrentTenant tenant, TimeProvider clock)
    : IRequestHandler<DeactivateRegisterCommand, Done>
{
    public async Task<Done> Handle(DeactivateRegisterCommand request, CancellationToken cancellationToken)
    {
        (await db.GetForTenantAsync(request.RegisterId, tenant.Id, cancellationToken)).Deactivate(clock);
        return Done.Value;
    }
}
