using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Scheduling;
using Quartz;

namespace NixCafe.OdooSync.Features.OperationalHealth;

/// <summary>Whether this host takes part in the clustered schedule, and when the next tick is due.</summary>
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

        return metadata.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("The clustered scheduler is running.", data)
            // Degraded, not unhealthy: the host still serves the API and other hosts drain the queue.
            : HealthCheckResult.Degraded("The scheduler is not running on this host (starting, or stopped).", data: data);
    }
}
