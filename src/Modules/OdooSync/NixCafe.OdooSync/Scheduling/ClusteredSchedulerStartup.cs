using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NixCafe.Shared.Web;
using Npgsql;
using Quartz;

namespace NixCafe.OdooSync.Scheduling;

/// <summary>
/// Starts the clustered scheduler once its store (the database) answers, instead of with the host:
/// Quartz reads and validates its tables when it is created, and Quartz's own hosted service would
/// stop a host started while PostgreSQL is down. The API answers 503 meanwhile; the scheduler joins
/// the cluster when the database is back. The database may also fail after it answered, while Quartz
/// creates or starts the scheduler (an exception out of <see cref="ExecuteAsync"/> would stop the
/// host): that is tried again, with a growing pause. On stop, running drains finish first.
/// </summary>
internal sealed class ClusteredSchedulerStartup(IServiceProvider services, NpgsqlDataSource dataSource, ClusterCronTriggers cronTriggers, ILogger<ClusteredSchedulerStartup> logger) : BackgroundService
{
    private static readonly TimeSpan WaitForDatabaseEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(30);

    private volatile IScheduler? _scheduler;
    private volatile string _notRunning = "The scheduler has not started yet: it waits for the database.";

    /// <summary>
    /// The scheduler this host created (and started, or is starting); null until then. The scheduler
    /// factory or a keyed <see cref="IScheduler"/> would give the container's first scheduler, which
    /// stays shut down for good when its creation failed.
    /// </summary>
    public IScheduler? Scheduler => _scheduler;

    /// <summary>Why there is no scheduler yet, in words (no exception text): for <c>/health</c>.</summary>
    public string NotRunning => _notRunning;

    /// <summary>The scheduler, for scheduling triggers on; throws while there is none (the next tick catches up).</summary>
    public IScheduler StartedScheduler() => _scheduler ?? throw new SchedulerException(_notRunning);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryAfter = FirstRetryAfter;
        for (var attempt = 1; ; attempt++)
        {
            await WaitUntilTheDatabaseAnswersAsync(stoppingToken);
            IScheduler? scheduler = null;
            try
            {
                scheduler = await CreateAsync(attempt, stoppingToken);
                _scheduler = scheduler;
                await cronTriggers.DeclareAsync(scheduler, stoppingToken);
                await scheduler.Start(stoppingToken);
                if (attempt > 1)
                {
                    logger.LogInformation("The scheduler started at attempt {Attempt}.", attempt);
                }

                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested && DatabaseUnavailability.Cause(exception) is { } cause)
            {
                _scheduler = null;
                var reason = DatabaseUnavailability.Reason(cause);
                _notRunning = $"The scheduler is not running: its start failed ({reason.TrimEnd('.')}), and it tries again.";
                logger.LogWarning(exception, "The scheduler could not start: {Reason} It tries again in {RetryAfter}.", reason, retryAfter);
                // A start that failed half-way counts as started: a second Start would only resume it,
                // skipping the store's start-up (cluster recovery, check-ins, misfire handling). Its
                // jobs finish first: the next scheduler's recovery would fire their triggers again.
                await ShutDownAsync(scheduler);
                await Task.Delay(retryAfter, stoppingToken);
                retryAfter = TimeSpan.FromTicks(Math.Min(retryAfter.Ticks * 2, LongestRetryAfter.Ticks));
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host stops while the scheduler starts (Quartz refuses a restart then): nothing to run.
                _scheduler = null;
                await ShutDownAsync(scheduler);
                return;
            }
        }
    }

    /// <summary>
    /// The container's scheduler at the first attempt. Quartz keeps a creation that failed (its
    /// thread pool and job store are shut down for good, and the factory answers with that), so a
    /// later attempt has the registration replayed into new ones, which only a named registration
    /// allows.
    /// </summary>
    private async Task<IScheduler> CreateAsync(int attempt, CancellationToken stoppingToken) => attempt == 1
        ? await services.GetRequiredKeyedService<ISchedulerFactory>(OdooSyncModule.SchedulerName).GetScheduler(stoppingToken)
        : await services.GetRequiredService<ISchedulerRuntime>().Restart(OdooSyncModule.SchedulerName, SchedulerRestartOptions.WithoutStarting, stoppingToken);

    private async Task ShutDownAsync(IScheduler? scheduler)
    {
        if (scheduler is null)
        {
            return;
        }

        try
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
        }
        catch (Exception exception) when (DatabaseUnavailability.Cause(exception) is not null)
        {
            // Quartz marks it shut down before it touches the store; the next attempt builds a new one.
            logger.LogWarning(exception, "The scheduler that failed to start was shut down with a database error.");
        }
    }

    private async Task WaitUntilTheDatabaseAnswersAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(stoppingToken);
                return;
            }
            catch (NpgsqlException exception) when (DatabaseUnavailability.Cause(exception) is { } cause)
            {
                logger.LogWarning("The scheduler waits for the database: {Reason}", DatabaseUnavailability.Reason(cause));
                await Task.Delay(WaitForDatabaseEvery, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_scheduler is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }
}
