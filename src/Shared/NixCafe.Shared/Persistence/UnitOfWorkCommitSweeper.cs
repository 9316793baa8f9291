using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace NixCafe.Shared.Persistence;

/// <summary>Every ten minutes, deletes the commit markers no retry can still ask about (<see cref="UnitOfWorkCommits"/>).</summary>
internal sealed class UnitOfWorkCommitSweeper(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<UnitOfWorkCommitSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await UnitOfWorkCommits.SweepAsync(dataSource, clock.GetUtcNow(), stoppingToken);
                }
                catch (NpgsqlException exception)
                {
                    // The next sweep deletes them; the database's outage is reported by /health.
                    logger.LogDebug(exception, "Commit markers not swept");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
