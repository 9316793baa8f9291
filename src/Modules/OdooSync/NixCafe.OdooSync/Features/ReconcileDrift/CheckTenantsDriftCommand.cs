using MediatR;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>The drift checks of some tenants on this host, each in its own scope: what one schedule trigger carries. Answers how many finished.</summary>
public sealed record CheckTenantsDriftCommand(IReadOnlyList<Guid> TenantIds) : IRequest<int>;
