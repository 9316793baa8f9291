using MediatR;
using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Persistence;
using Quartz;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// The clustered tick's work: one one-shot Quartz trigger per tenant with due rows (the backstop of
/// the immediate drains that changes request). Whichever host of the cluster acquires a trigger
/// drains that tenant, so tenants spread over the hosts and each host runs several at once. The
/// row claims, not Quartz, are what keep two drains off one row.
/// </summary>
public sealed record DispatchTenantDrains : IRequest<int>;

internal sealed class DispatchTenantDrainsHandler(OdooSyncDbContext db, TenantDrainTriggers triggers, TimeProvider clock, ILogger<DispatchTenantDrainsHandler> logger)
    : IRequestHandler<DispatchTenantDrains, int>
{
    public async Task<int> Handle(DispatchTenantDrains request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenantIds = await DueTenants.ListAsync(db, now, cancellationToken);
        var scheduled = 0;
        foreach (var tenantId in tenantIds)
        {
            scheduled += await triggers.ScheduleAsync(tenantId, now, cancellationToken) ? 1 : 0;
        }

        if (tenantIds.Count > 0)
        {
            logger.LogDebug("Odoo sync tick: {Scheduled} tenant drain(s) scheduled, {Pending} already pending", scheduled, tenantIds.Count - scheduled);
        }

        return scheduled;
    }
}

/// <summary>The clustered tick: thin, it only sends the command. Fires on one host per tick.</summary>
[DisallowConcurrentExecution]
internal sealed class DrainOdooSyncQueuesJob(IMediator mediator) : IJob
{
    public static readonly JobKey Key = new("drain-odoo-sync-queues", "odoo-sync");

    public static readonly TriggerKey TickKey = new("drain-odoo-sync-queues-tick", "odoo-sync");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await mediator.Send(new DispatchTenantDrains(), cancellationToken);
}

/// <summary>One tenant's drain, on whichever host acquired its trigger. One durable job per tenant, so tenants run in parallel and one tenant's drains in turn.</summary>
[DisallowConcurrentExecution]
internal sealed class DrainTenantOdooQueueJob(IMediator mediator) : IJob
{
    public const string TenantIdKey = "tenantId";

    public static JobKey KeyFor(Guid tenantId) => new(tenantId.ToString(), "odoo-sync-tenant-drains");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new DrainPosConfigQueue.DrainPosConfigQueue(Guid.Parse(context.MergedJobDataMap.GetString(TenantIdKey)!)), cancellationToken);
}
