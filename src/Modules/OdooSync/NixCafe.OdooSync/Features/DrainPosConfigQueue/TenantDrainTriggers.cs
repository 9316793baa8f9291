using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.Shared.Persistence;
using Quartz;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// Schedules a tenant's own drain on the clustered schedule (after its changes, or to go on with a
/// backlog). Requests that fall in one debounce window share one trigger (its name is the window),
/// so a burst of edits makes one drain; a request made while a drain runs gets the next window, so
/// the running drain can never swallow it. The per-tenant job is durable and disallows concurrency: one tenant's drains
/// run one after another, on whichever host acquires each trigger.
/// </summary>
internal sealed class TenantDrainTriggers(IServiceProvider services, TimeProvider clock, IOptions<OdooSyncOptions> options, ILogger<TenantDrainTriggers> logger)
{
    /// <summary>Asks for a drain of the tenant one debounce delay from now. Never throws: the minute tick is the backstop.</summary>
    public async Task RequestSoonAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }

        try
        {
            await ScheduleAsync(tenantId, clock.GetUtcNow() + options.Value.ImmediateDrainDelay, cancellationToken);
        }
        catch (Exception exception) when (exception is SchedulerException or OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not schedule an immediate drain of tenant {TenantId}; the next tick will drain it", tenantId);
        }
    }

    /// <summary>Asks for the tenant's drain once <paramref name="session"/>'s transaction commits: other hosts see a change only then.</summary>
    public void RequestAfterCommit(CafeDbSession session, Guid tenantId) => session.OnCommitted(ct => RequestSoonAsync(tenantId, ct));

    /// <summary>Schedules the tenant's drain for the debounce window holding <paramref name="at"/>, unless that window has one already.</summary>
    private async Task ScheduleAsync(Guid tenantId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var window = options.Value.ImmediateDrainDelay.Ticks;
        var fireAt = new DateTimeOffset((at.UtcTicks + window - 1) / window * window, TimeSpan.Zero);
        var key = DrainPosConfigQueueJob.KeyFor(tenantId);
        var trigger = TriggerBuilder.Create().WithIdentity($"{tenantId:N}@{fireAt.UtcTicks}", key.Group).ForJob(key).StartAt(fireAt)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        try
        {
            var job = JobBuilder.Create<DrainPosConfigQueueJob>().WithIdentity(key).StoreDurably()
                .UsingJobData(DrainPosConfigQueueJob.TenantIdKey, tenantId.ToString())
                .Build();
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
            return;
        }
        catch (ObjectAlreadyExistsException)
        {
            // The tenant's job exists already (the usual case): add the trigger alone.
        }

        try
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // This window's drain is scheduled already: it will push this change too.
        }
    }
}
