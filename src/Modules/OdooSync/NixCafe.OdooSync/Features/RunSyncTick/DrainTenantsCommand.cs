using MediatR;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>The drains of some tenants on this host, each in its own scope: what one tick trigger carries. Answers how many did not crash.</summary>
public sealed record DrainTenantsCommand(IReadOnlyList<Guid> TenantIds) : IRequest<int>;
