using MediatR;
using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>Totals of one tick over every tenant with due work.</summary>
public sealed record OdooSyncTickResult(int Tenants, int FailedTenants, int Created, int Updated, int Failed, int DeadLettered, int RequeuedForDivergence, int Skipped, IReadOnlyList<TenantDrainResult> Results);

/// <summary>
/// Drains every tenant with due work now, on this host, within its drain slots (each tenant's
/// calls stay in order; one tenant's failure never stops the others): the operator's "drain
/// now". The scheduled tick spreads the same drains over the cluster instead
/// (<see cref="DispatchTenantDrains"/>). Not an ICommand: each drain manages its own short writes.
/// </summary>
public sealed record RunOdooSyncTick : IRequest<OdooSyncTickResult>;

internal sealed class RunOdooSyncTickHandler(DueTenants dueTenants, HostDrains drains, TimeProvider clock, ILogger<RunOdooSyncTickHandler> logger)
    : IRequestHandler<RunOdooSyncTick, OdooSyncTickResult>
{
    public async Task<OdooSyncTickResult> Handle(RunOdooSyncTick request, CancellationToken cancellationToken)
    {
        var tenantIds = await dueTenants.ListAsync(clock.GetUtcNow(), cancellationToken);
        var results = (await drains.RunAllAsync(tenantIds, cancellationToken)).OfType<TenantDrainResult>().ToList();
        var failedTenants = tenantIds.Count - results.Count;

        var tick = new OdooSyncTickResult(
            tenantIds.Count, failedTenants,
            results.Sum(r => r.Created), results.Sum(r => r.Updated), results.Sum(r => r.FailedCreates + r.FailedUpdates),
            results.Sum(r => r.DeadLettered), results.Sum(r => r.RequeuedForDivergence), results.Count(r => r.Skipped is not null), results);
        if (tick.Tenants > 0)
        {
            logger.LogInformation(
                "Odoo sync tick: {Tenants} tenant(s), {Created} created, {Updated} updated, {Failed} failed, {DeadLettered} dead-lettered, {Requeued} requeued, {Skipped} skipped, {FailedTenants} tenant drain(s) crashed",
                tick.Tenants, tick.Created, tick.Updated, tick.Failed, tick.DeadLettered, tick.RequeuedForDivergence, tick.Skipped, tick.FailedTenants);
        }

        return tick;
    }
}
