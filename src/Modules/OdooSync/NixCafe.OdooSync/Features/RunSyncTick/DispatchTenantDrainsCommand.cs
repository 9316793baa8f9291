using MediatR;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// The clustered tick's work: the tenants with due rows, split into one-shot Quartz triggers of
/// at most a seventh of <c>MaxConcurrentDrains</c> tenants each (seven such triggers fill a host's slots) and at least eight of them (a small tick spreads over the hosts too), all stored
/// in one transaction. Whichever host of the cluster acquires a trigger drains its tenants, so the
/// tick spreads over the hosts. Not one trigger per tenant: in Quartz's clustered store each
/// trigger is stored, acquired, fired and completed under the cluster-wide lock, which cost as
/// much as the drain itself. The row claims, not Quartz, keep two drains off one row.
/// </summary>
/// <param name="ScheduledFireTime">The tick's scheduled time: its triggers and its log line are named after it, so both say which tick they belong to.</param>
public sealed record DispatchTenantDrainsCommand(DateTimeOffset ScheduledFireTime) : IRequest<int>;
