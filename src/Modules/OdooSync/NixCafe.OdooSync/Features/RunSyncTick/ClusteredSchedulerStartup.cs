using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NixCafe.Shared.Web;
using Npgsql;
using Quartz;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// Starts the clustered scheduler once its store (the database) answers, instead of with the host:
/// Quartz reads and validates its tables when it is created, a scheduler whose creation failed
/// stays shut down for good, and Quartz's own hosted service would stop a host started while
/// PostgreSQL is down. The API answers 503 meanwhile; the scheduler joins the cluster when the
/// database is back. On stop, running drains finish first.
/// </summary>
internal sealed class ClusteredSchedulerStartup(ISchedulerFactory factory, NpgsqlDataSource dataSource, ILogger<ClusteredSchedulerStartup> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private volatile IScheduler? _scheduler;

    /// <summary>The started scheduler; null while it waits for the database. Asking the factory instead would create it, and a creation that fails is final.</summary>
    public IScheduler? Scheduler => _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WaitUntilTheDatabaseAnswersAsync(stoppingToken);
        var scheduler = await factory.GetScheduler(stoppingToken);
        await scheduler.Start(stoppingToken);
        _scheduler = scheduler;
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
                await Task.Delay(RetryEvery, stoppingToken);
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
