using MediatR;
using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Telemetry;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal sealed class RunOdooSyncTickCommandHandler(DueTenants dueTenants, HostDrains drains, TimeProvider clock, ILogger<RunOdooSyncTickCommandHandler> logger)
    : IRequestHandler<RunOdooSyncTickCommand, OdooSyncTickResult>
{
    public async Task<OdooSyncTickResult> Handle(RunOdooSyncTickCommand request, CancellationToken cancellationToken)
    {
        var tenantIds = await dueTenants.ListAsync(clock.GetUtcNow(), cancellationToken);
        var results = (await drains.RunAllAsync(tenantIds, DrainTrigger.Operator, cancellationToken)).OfType<TenantDrainResult>().ToList();
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
