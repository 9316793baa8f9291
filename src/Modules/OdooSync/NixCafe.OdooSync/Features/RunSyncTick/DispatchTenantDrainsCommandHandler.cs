using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Scheduling;
using NixCafe.OdooSync.Telemetry;
using NixCafe.Shared.Hosting;
using Quartz;

namespace NixCafe.OdooSync.Features.RunSyncTick;

internal sealed class DispatchTenantDrainsCommandHandler(DueTenants dueTenants, IServiceProvider services, TimeProvider clock, IOptions<OdooSyncOptions> options, OdooSyncMetrics metrics, ILogger<DispatchTenantDrainsCommandHandler> logger)
    : IRequestHandler<DispatchTenantDrainsCommand, int>
{
    private const int MinTriggers = 8;

    public async Task<int> Handle(DispatchTenantDrainsCommand request, CancellationToken cancellationToken)
    {
        metrics.TickFired();
        var now = clock.GetUtcNow();
        var tenantIds = await dueTenants.ListAsync(now, cancellationToken);
        if (tenantIds.Count == 0)
        {
            logger.LogDebug("Odoo sync tick of {ScheduledFireTime:O} on {Host}: no tenant has due work", request.ScheduledFireTime, HostIdentity.Name);
            return 0;
        }

        // At least MinTriggers triggers (while there are tenants for them), so the hosts of a cluster
        // share even a small tick; small enough that one host holds about its slots' worth.
        var perTrigger = Math.Clamp((int)Math.Ceiling(tenantIds.Count / (double)MinTriggers), 1, SchedulerThreads.TenantsPerTrigger(options.Value));
        var triggers = tenantIds.Chunk(perTrigger)
            .Select((tenants, index) => (ITrigger)TriggerBuilder.Create()
                .WithIdentity($"tick@{request.ScheduledFireTime.UtcTicks}#{index}", DrainTenantsJob.Key.Group).ForJob(DrainTenantsJob.Key).StartAt(now)
                .UsingJobData(DrainTenantsJob.TenantIdsKey, string.Join(',', tenants))
                .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build())
            .ToList();
        var scheduler = services.GetRequiredService<ClusteredSchedulerStartup>().StartedScheduler();
        await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [DrainTenantsJob.Detail] = triggers }, ScheduleJobOptions.Replacing, cancellationToken);
        logger.LogInformation("Odoo sync tick of {ScheduledFireTime:O} on {Host}: {Tenants} tenant drain(s) in {Triggers} trigger(s)",
            request.ScheduledFireTime, HostIdentity.Name, tenantIds.Count, triggers.Count);
        return tenantIds.Count;
    }
}
