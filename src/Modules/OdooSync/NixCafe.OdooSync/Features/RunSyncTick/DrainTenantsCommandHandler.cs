using MediatR;
using NixCafe.OdooSync.Telemetry;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal sealed class DrainTenantsCommandHandler(HostDrains drains) : IRequestHandler<DrainTenantsCommand, int>
{
    public async Task<int> Handle(DrainTenantsCommand request, CancellationToken cancellationToken) =>
        (await drains.RunAllAsync(request.TenantIds, DrainTrigger.Tick, cancellationToken)).Count(result => result is not null);
}
