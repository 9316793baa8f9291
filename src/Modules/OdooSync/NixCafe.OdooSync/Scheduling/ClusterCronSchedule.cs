using Quartz;

namespace NixCafe.OdooSync.Scheduling;

/// <summary>One cron trigger the cluster's schedule holds: its key, the job it fires and its cron, as this host is configured.</summary>
internal sealed record ClusterCronSchedule(TriggerKey Trigger, JobKey Job, string CronExpression);
