using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Scheduling;
using NixCafe.Shared.Persistence;
using Quartz;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// Schedules a tenant's own drain on the clustered schedule (after its changes, or to go on with a
/// backlog). Leading edge, then windows: the first change after <c>ImmediateDrainDelay</c> without
/// one drains at once; the requests that follow share one trigger per window of that length
/// counted from the leading drain (its name is the window's end), so a burst of edits shorter
/// than the window makes the leading drain and one more. A request made while a drain runs gets a
/// trigger after it, so the running drain can never swallow it. The per-tenant job is durable and disallows concurrency:
/// one tenant's drains run one after another, on whichever host acquires each trigger. When a
/// tenant was last asked for is this host's memory: edits of one tenant spread over several
/// hosts get windows (and a leading drain) from each.
/// </summary>
internal sealed class TenantDrainTriggers(IServiceProvider services, TimeProvider clock, IOptions<OdooSyncOptions> options, ILogger<TenantDrainTriggers> logger)
{
    /// <summary>
    /// When this host last started a leading-edge drain of each tenant, last asked for one, and
    /// the end of the last window whose trigger it scheduled.
    /// </summary>
    private readonly Dictionary<Guid, (DateTimeOffset Lead, DateTimeOffset Last, DateTimeOffset? Scheduled)> _requests = [];

    /// <summary>
    /// Asks for a drain of the tenant: at once when this host asked for none within the last
    /// <c>ImmediateDrainDelay</c>, else at the end of the window of that length (counted from the
    /// leading drain) that holds now. A window whose trigger this host scheduled already is not
    /// asked of the scheduler again: that trigger fires after now, so its drain pushes this change
    /// too, and a burst of edits costs the clustered store one trigger per window, not one per
    /// edit. Never throws: the minute tick is the backstop.
    /// </summary>
    public async Task RequestSoonAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var window = options.Value.ImmediateDrainDelay;
        var now = clock.GetUtcNow();
        DateTimeOffset? trailing;
        lock (_requests)
        {
            if (!_requests.TryGetValue(tenantId, out var known) || now - known.Last >= window)
            {
                _requests[tenantId] = (now, now, null);
                trailing = null;
            }
            else
            {
                // The end of the window holding now, always after now: the trigger of a window that has
                // begun (and may be running) never takes a change it could miss.
                trailing = known.Lead + (window * (Math.Floor((now - known.Lead) / window) + 1));
                _requests[tenantId] = known with { Last = now };
                if (known.Scheduled == trailing)
                {
                    return;
                }
            }
        }

        var scheduled = await RequestAsync(tenantId, trailing is { } at ? (at.UtcTicks.ToString(CultureInfo.InvariantCulture), at) : ("lead" + now.UtcTicks.ToString(CultureInfo.InvariantCulture), now), cancellationToken);
        if (scheduled && trailing is not null)
        {
            lock (_requests)
            {
                if (_requests.TryGetValue(tenantId, out var known) && trailing > known.Lead)
                {
                    _requests[tenantId] = known with { Scheduled = trailing };
                }
            }
        }
    }

    /// <summary>Asks for a drain of the tenant one debounce window from now, behind the drains others asked for: to go on with a backlog.</summary>
    public Task RequestLaterAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow() + options.Value.ImmediateDrainDelay;
        return RequestAsync(tenantId, ("later" + at.UtcTicks.ToString(CultureInfo.InvariantCulture), at), cancellationToken);
    }

    /// <summary>Asks for the tenant's drain once <paramref name="session"/>'s transaction commits: other hosts see a change only then.</summary>
    public void RequestAfterCommit(CafeDbSession session, Guid tenantId) => session.OnCommitted(ct => RequestSoonAsync(tenantId, ct));

    /// <summary>Schedules the drain; answers whether its trigger is stored (scheduled now, or already).</summary>
    private async Task<bool> RequestAsync(Guid tenantId, (string Name, DateTimeOffset At) trigger, CancellationToken cancellationToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return false;
        }

        try
        {
            await ScheduleAsync(tenantId, trigger.Name, trigger.At, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is SchedulerException or OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not schedule an immediate drain of tenant {TenantId}; the next tick will drain it", tenantId);
            return false;
        }
    }

    /// <summary>
    /// Schedules the tenant's drain at <paramref name="fireAt"/> under a trigger named by the tenant
    /// and <paramref name="name"/>, unless a trigger of that name exists already (its drain will
    /// push this change too).
    /// </summary>
    private async Task ScheduleAsync(Guid tenantId, string name, DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        var key = DrainPosConfigQueueJob.KeyFor(tenantId);
        var trigger = TriggerBuilder.Create().WithIdentity($"{tenantId:N}@{name}", key.Group).ForJob(key).StartAt(fireAt)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        var scheduler = services.GetRequiredService<ClusteredSchedulerStartup>().StartedScheduler();
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
