using MediatR;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// Drains every tenant with due work now, on this host, within its drain slots (each tenant's
/// calls stay in order; one tenant's failure never stops the others): the operator's "drain
/// now". The scheduled tick spreads the same drains over the cluster instead
/// (<see cref="DispatchTenantDrainsCommand"/>). Not an ICommand: each drain manages its own short writes.
/// </summary>
public sealed record RunOdooSyncTickCommand : IRequest<OdooSyncTickResult>;
