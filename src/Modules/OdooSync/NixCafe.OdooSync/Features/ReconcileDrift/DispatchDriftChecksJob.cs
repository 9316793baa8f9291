using MediatR;
using Quartz;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>The drift schedule (<c>NixCafe:OdooSync:DriftCheckCron</c>, hourly by default): thin, it only sends the command. Fires on one host per period.</summary>
[DisallowConcurrentExecution]
internal sealed class DispatchDriftChecksJob(IMediator mediator) : IJob
{
    public static readonly JobKey Key = new("dispatch-drift-checks", "odoo-sync");

    public static readonly TriggerKey ScheduleKey = new("dispatch-drift-checks-schedule", "odoo-sync");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new DispatchDriftChecksCommand(context.ScheduledFireTimeUtc ?? context.FireTimeUtc), cancellationToken);
}
