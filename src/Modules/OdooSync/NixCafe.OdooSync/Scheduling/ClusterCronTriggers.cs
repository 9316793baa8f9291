using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Features.ReconcileDrift;
using NixCafe.OdooSync.Features.RunSyncTick;
using Quartz;

namespace NixCafe.OdooSync.Scheduling;

/// <summary>
/// The cluster's cron triggers (the sync tick, the drift checks), declared by each host before its
/// scheduler starts. A trigger stored with the schedule this host has is left as it is. Quartz's own
/// declaration would write it back (delete, insert) from a copy read a moment before, so a host
/// that fired it in between had that firing fired again. A changed schedule replaces the stored
/// trigger, counting from now: nothing already due is fired again.
/// </summary>
internal sealed class ClusterCronTriggers(IOptions<OdooSyncOptions> options)
{
    public async Task DeclareAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        foreach (var declared in Declared())
        {
            var stored = await scheduler.GetTrigger(declared.Key, cancellationToken);
            if (stored is ICronTrigger cron && SameSchedule(cron, declared))
            {
                continue;
            }

            if (stored is null)
            {
                try
                {
                    await scheduler.ScheduleJob(declared, cancellationToken: cancellationToken);
                }
                catch (ObjectAlreadyExistsException)
                {
                    // Another host starting at the same moment stored it first.
                }
            }
            else
            {
                await scheduler.RescheduleJob(declared.Key, declared, cancellationToken);
            }
        }
    }

    private IEnumerable<ICronTrigger> Declared()
    {
        yield return Cron(DispatchTenantDrainsJob.TickKey, DispatchTenantDrainsJob.Key, options.Value.Cron);
        yield return Cron(DispatchDriftChecksJob.ScheduleKey, DispatchDriftChecksJob.Key, options.Value.DriftCheckCron);
    }

    private static ICronTrigger Cron(TriggerKey key, JobKey job, string cronExpression) =>
        (ICronTrigger)TriggerBuilder.Create().WithIdentity(key).ForJob(job)
            .WithCronSchedule(cronExpression, cron => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();

    private static bool SameSchedule(ICronTrigger stored, ICronTrigger declared) =>
        stored.CronExpressionString == declared.CronExpressionString
        && stored.TimeZone.Id == declared.TimeZone.Id
        && stored.MisfireInstruction == declared.MisfireInstruction
        && stored.JobKey.Equals(declared.JobKey);
}
