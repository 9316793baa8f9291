using Quartz;

namespace NixCafe.OdooSync.Scheduling;

/// <summary>
/// The cluster's cron triggers (the sync tick, the drift checks), declared by each host before its
/// scheduler starts. A trigger stored with the schedule this host has is left as it is. Quartz's own
/// declaration would write it back (delete, insert) from a copy read a moment before, so a host
/// that fired it in between had that firing fired again. A changed schedule replaces the stored
/// trigger, counting from now: nothing already due is fired again. A trigger Quartz parked in ERROR
/// (its job could not be loaded) is reset, as the delete and insert of Quartz's declaration did.
/// </summary>
internal sealed class ClusterCronTriggers(IEnumerable<ClusterCronSchedule> schedules)
{
    public async Task DeclareAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        foreach (var declared in schedules.Select(Cron))
        {
            var stored = await scheduler.GetTrigger(declared.Key, cancellationToken);
            if (stored is not null && await scheduler.GetTriggerState(declared.Key, cancellationToken) == TriggerState.Error)
            {
                await scheduler.ResetTriggerFromErrorState(declared.Key, cancellationToken);
            }

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

    private static ICronTrigger Cron(ClusterCronSchedule schedule) =>
        (ICronTrigger)TriggerBuilder.Create().WithIdentity(schedule.Trigger).ForJob(schedule.Job)
            .WithCronSchedule(schedule.CronExpression, cron => cron.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();

    private static bool SameSchedule(ICronTrigger stored, ICronTrigger declared) =>
        stored.CronExpressionString == declared.CronExpressionString
        && stored.TimeZone.Id == declared.TimeZone.Id
        && stored.MisfireInstruction == declared.MisfireInstruction
        && stored.JobKey.Equals(declared.JobKey);
}
