using MediatR;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal sealed class DrainTenantsCommandHandler(HostDrains drains) : IRequestHandler<DrainTenantsCommand, int>
{
    public async Task<int> Handle(DrainTenantsCommand request, CancellationToken cancellationToken) =>
        (await drains.RunAllAsync(request.TenantIds, cancellationToken)).Count(result => result is not null);
}
