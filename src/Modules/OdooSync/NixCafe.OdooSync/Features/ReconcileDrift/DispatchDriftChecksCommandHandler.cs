using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Persistence;
using NixCafe.OdooSync.Scheduling;
using NixCafe.Shared.Hosting;
using NixCafe.Tenants.Contracts;
using Quartz;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

internal sealed class DispatchDriftChecksCommandHandler(
    OdooSyncDbContext db,
    ITenantDirectory tenants,
    IServiceProvider services,
    TimeProvider clock,
    IOptions<OdooSyncOptions> options,
    ILogger<DispatchDriftChecksCommandHandler> logger) : IRequestHandler<DispatchDriftChecksCommand, int>
{
    public async Task<int> Handle(DispatchDriftChecksCommand request, CancellationToken cancellationToken)
    {
        // One of the few reads across tenants: it returns only tenant ids, each check then runs in its tenant's scope.
        var connected = await db.Connections.IgnoreQueryFilters().AsNoTracking()
            .Where(connection => connection.Enabled && connection.PausedAt == null)
            .Select(connection => connection.TenantId).ToListAsync(cancellationToken);
        var pro = await tenants.ProTenantsAmongAsync(connected, cancellationToken);
        var tenantIds = connected.Where(pro.Contains).ToList();
        if (tenantIds.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var triggers = tenantIds.Chunk(SchedulerThreads.TenantsPerTrigger(options.Value))
            .Select((chunk, index) => (ITrigger)TriggerBuilder.Create()
                .WithIdentity($"drift@{request.ScheduledFireTime.UtcTicks}#{index}", CheckTenantsDriftJob.Key.Group).ForJob(CheckTenantsDriftJob.Key).StartAt(now)
                .UsingJobData(CheckTenantsDriftJob.TenantIdsKey, string.Join(',', chunk))
                .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build())
            .ToList();
        var scheduler = services.GetRequiredService<ClusteredSchedulerStartup>().StartedScheduler();
        await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [CheckTenantsDriftJob.Detail] = triggers }, ScheduleJobOptions.Replacing, cancellationToken);
        logger.LogInformation("Drift checks of {ScheduledFireTime:O} on {Host}: {Tenants} tenant(s) in {Triggers} trigger(s)",
            request.ScheduledFireTime, HostIdentity.Name, tenantIds.Count, triggers.Count);
        return tenantIds.Count;
    }
}
