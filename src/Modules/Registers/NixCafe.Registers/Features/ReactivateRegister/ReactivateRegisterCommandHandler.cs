using MediatR;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ReactivateRegister;

internal sealed class ReactivateRegisterCommandHandler(RegistersDbContext db, ICurrentTenant tenant, TimeProvider clock)
    : IRequestHandler<ReactivateRegisterCommand, Done>
{
    public async Task<Done> Handle(ReactivateRegisterCommand request, CancellationToken cancellationToken)
    {
        (await db.GetForTenantAsync(request.RegisterId, tenant.Id, cancellationToken)).Reactivate(clock);
        return Done.Value;
    }
}
