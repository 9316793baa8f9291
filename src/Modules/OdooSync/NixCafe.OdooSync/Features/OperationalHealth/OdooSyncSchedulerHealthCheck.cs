using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Features.ReconcileDrift;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Scheduling;
using Quartz;

namespace NixCafe.OdooSync.Features.OperationalHealth;

/// <summary>
/// Whether this host takes part in the clustered schedule, when the next tick is due, and whether
/// a cluster-wide schedule is parked in Quartz's ERROR state, in which it fires on no host.
/// </summary>
internal sealed class OdooSyncSchedulerHealthCheck(IServiceProvider services, IOptions<OdooSyncOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return HealthCheckResult.Healthy("The scheduler is off on this host (NixCafe:OdooSync:SchedulerEnabled=false); other hosts or the operator endpoint drain the queue.",
                new Dictionary<string, object> { ["enabled"] = false });
        }

        var startup = services.GetRequiredService<ClusteredSchedulerStartup>();
        if (startup.Scheduler is not { } scheduler)
        {
            return HealthCheckResult.Degraded(startup.NotRunning, data: new Dictionary<string, object> { ["enabled"] = true });
        }

        var metadata = await scheduler.GetMetadata(cancellationToken);
        var tick = await scheduler.GetTrigger(DispatchTenantDrainsJob.TickKey, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["enabled"] = true,
            ["status"] = metadata.Status.ToString(),
            ["clustered"] = metadata.JobStoreClustered,
            ["instance"] = metadata.SchedulerInstanceId,
            ["runningDrains"] = metadata.LocalExecutingJobs,
        };
        if (tick?.NextFireTimeUtc is { } next)
        {
            data["nextTickAt"] = next;
        }

        if (metadata.Status != SchedulerStatus.Running)
        {
            // Degraded, not unhealthy: the host still serves the API and other hosts drain the queue.
            return HealthCheckResult.Degraded("The scheduler is not running on this host (starting, or stopped).", data: data);
        }

        // Quartz parks a trigger in ERROR when it cannot load its job; ClusterCronTriggers resets
        // it only when a host starts. Every host reports it, and the API still serves: degraded.
        var parked = new List<string>();
        if (await scheduler.GetTriggerState(DispatchTenantDrainsJob.TickKey, cancellationToken) == TriggerState.Error)
        {
            parked.Add("the sync tick");
        }

        if (await scheduler.GetTriggerState(DispatchDriftChecksJob.ScheduleKey, cancellationToken) == TriggerState.Error)
        {
            parked.Add("the drift checks");
        }

        return parked.Count == 0
            ? HealthCheckResult.Healthy("The clustered scheduler is running.", data)
            : HealthCheckResult.Degraded($"In Quartz's ERROR state, so fired on no host until a host restarts and resets it: {string.Join(", ", parked)}.", data: data);
    }
}
