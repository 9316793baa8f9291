using MediatR;
using Quartz;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// The clustered tick: thin, it only sends the command. Fires on one host per tick. Earlier releases
/// stored it as <c>DrainOdooSyncQueuesJob</c>: the module maps that name here.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DispatchTenantDrainsJob(IMediator mediator) : IJob
{
    public static readonly JobKey Key = new("drain-odoo-sync-queues", "odoo-sync");

    public static readonly TriggerKey TickKey = new("drain-odoo-sync-queues-tick", "odoo-sync");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new DispatchTenantDrainsCommand(context.ScheduledFireTimeUtc ?? context.FireTimeUtc), cancellationToken);
}
