using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Hosting;
using Quartz;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// The clustered tick's work: the tenants with due rows, split into one-shot Quartz triggers of
/// <c>MaxConcurrentDrains</c> tenants each (one trigger fills one host's drain slots), all stored
/// in one transaction. Whichever host of the cluster acquires a trigger drains its tenants, so the
/// tick spreads over the hosts. Not one trigger per tenant: in Quartz's clustered store each
/// trigger is stored, acquired, fired and completed under the cluster-wide lock, which cost as
/// much as the drain itself. The row claims, not Quartz, keep two drains off one row.
/// </summary>
/// <param name="ScheduledFireTime">The tick's scheduled time: its triggers and its log line are named after it, so both say which tick they belong to.</param>
public sealed record DispatchTenantDrains(DateTimeOffset ScheduledFireTime) : IRequest<int>;

internal sealed class DispatchTenantDrainsHandler(DueTenants dueTenants, IServiceProvider services, TimeProvider clock, IOptions<OdooSyncOptions> options, ILogger<DispatchTenantDrainsHandler> logger)
    : IRequestHandler<DispatchTenantDrains, int>
{
    public async Task<int> Handle(DispatchTenantDrains request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenantIds = await dueTenants.ListAsync(now, cancellationToken);
        if (tenantIds.Count == 0)
        {
            logger.LogDebug("Odoo sync tick of {ScheduledFireTime:O} on {Host}: no tenant has due work", request.ScheduledFireTime, HostIdentity.Name);
            return 0;
        }

        var triggers = tenantIds.Chunk(options.Value.MaxConcurrentDrains)
            .Select((tenants, index) => (ITrigger)TriggerBuilder.Create()
                .WithIdentity($"tick@{request.ScheduledFireTime.UtcTicks}#{index}", DrainTenantsJob.Key.Group).ForJob(DrainTenantsJob.Key).StartAt(now)
                .UsingJobData(DrainTenantsJob.TenantIdsKey, string.Join(',', tenants))
                .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build())
            .ToList();
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [DrainTenantsJob.Detail] = triggers }, ScheduleJobOptions.Replacing, cancellationToken);
        logger.LogInformation("Odoo sync tick of {ScheduledFireTime:O} on {Host}: {Tenants} tenant drain(s) in {Triggers} trigger(s)",
            request.ScheduledFireTime, HostIdentity.Name, tenantIds.Count, triggers.Count);
        return tenantIds.Count;
    }
}

/// <summary>The clustered tick: thin, it only sends the command. Fires on one host per tick.</summary>
[DisallowConcurrentExecution]
internal sealed class DrainOdooSyncQueuesJob(IMediator mediator) : IJob
{
    public static readonly JobKey Key = new("drain-odoo-sync-queues", "odoo-sync");

    public static readonly TriggerKey TickKey = new("drain-odoo-sync-queues-tick", "odoo-sync");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new DispatchTenantDrains(context.ScheduledFireTimeUtc ?? context.FireTimeUtc), cancellationToken);
}

/// <summary>
/// Some tenants' drains from one tick, on whichever host acquired the trigger. Many triggers fire
/// this one job at once, on one host and across hosts: the host's drain slots, not Quartz, bound
/// how many drains run, and the row claims keep two drains off one row.
/// </summary>
internal sealed class DrainTenantsJob(IMediator mediator) : IJob
{
    public const string TenantIdsKey = "tenantIds";

    public static readonly JobKey Key = new("drain-tenants", "odoo-sync-tick-drains");

    /// <summary>
    /// The one job every tick trigger fires (each trigger carries its tenants), stored with the
    /// tick's triggers. Recoverable: when a host dies running one, another host runs it again once
    /// the cluster notices, and drains what is still due (rows the dead host leased wait for
    /// their lease).
    /// </summary>
    public static IJobDetail Detail => JobBuilder.Create<DrainTenantsJob>().WithIdentity(Key).StoreDurably().RequestRecovery().Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new DrainTenants([.. context.MergedJobDataMap.GetString(TenantIdsKey)!.Split(',').Select(Guid.Parse)]), cancellationToken);
}

/// <summary>One tenant's own drain (after its changes, or a follow-up), on whichever host acquired its trigger. One durable job per tenant, so one tenant's own drains run in turn.</summary>
[DisallowConcurrentExecution]
internal sealed class DrainTenantOdooQueueJob(IMediator mediator) : IJob
{
    public const string TenantIdKey = "tenantId";

    public static JobKey KeyFor(Guid tenantId) => new(tenantId.ToString(), "odoo-sync-tenant-drains");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new DrainPosConfigQueue.DrainPosConfigQueue(Guid.Parse(context.MergedJobDataMap.GetString(TenantIdKey)!)), cancellationToken);
}

/// <summary>The drains of some tenants on this host, each in its own scope: what one tick trigger carries. Answers how many did not crash.</summary>
public sealed record DrainTenants(IReadOnlyList<Guid> TenantIds) : IRequest<int>;

internal sealed class DrainTenantsHandler(HostDrains drains) : IRequestHandler<DrainTenants, int>
{
    public async Task<int> Handle(DrainTenants request, CancellationToken cancellationToken) =>
        (await drains.RunAllAsync(request.TenantIds, cancellationToken)).Count(result => result is not null);
}
