using MediatR;
using NixCafe.OdooSync.Telemetry;
using Quartz;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// One tenant's own drain (after its changes, or to go on with a backlog), on whichever host
/// acquired its trigger. One durable job per tenant that disallows concurrency, so one tenant's
/// own drains run in turn.
/// Earlier releases stored it as <c>RunSyncTick.DrainTenantOdooQueueJob</c>: the module maps that name here.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DrainPosConfigQueueJob(IMediator mediator) : IJob
{
    public const string TenantIdKey = "tenantId";

    public static JobKey KeyFor(Guid tenantId) => new(tenantId.ToString(), "odoo-sync-tenant-drains");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new DrainPosConfigQueueCommand(Guid.Parse(context.MergedJobDataMap.GetString(TenantIdKey)!), DrainTrigger.Immediate), cancellationToken);
}
