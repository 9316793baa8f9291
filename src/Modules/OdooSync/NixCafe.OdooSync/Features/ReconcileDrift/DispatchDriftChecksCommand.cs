using MediatR;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>
/// The drift schedule's work, as the sync tick does it for drains: the Pro tenants with an
/// enabled connection whose sync no operator paused, split into one-shot Quartz triggers of
/// at most a seventh of <c>MaxConcurrentDrains</c> tenants each, as the tick's, stored at once. Whichever host acquires a trigger
/// checks its tenants, so the checks spread over the cluster; the tenant's check lease keeps two
/// checks of one tenant apart.
/// </summary>
/// <param name="ScheduledFireTime">The schedule's fire time: its triggers are named after it.</param>
public sealed record DispatchDriftChecksCommand(DateTimeOffset ScheduledFireTime) : IRequest<int>;
