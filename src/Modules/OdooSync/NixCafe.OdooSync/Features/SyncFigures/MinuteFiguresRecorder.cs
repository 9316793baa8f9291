using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;
using Npgsql;

namespace NixCafe.OdooSync.Features.SyncFigures;

/// <summary>
/// Once a minute, each host writes its row of <c>odoo_sync.minute_figures</c>: the pushes it made
/// (from <see cref="PushTally"/>) and the queue's due and dead-letter totals, read from the two
/// small partial indexes. The console's chart reads them, and so can the host's metrics: one
/// source for these figures. A day of them is kept.
/// </summary>
internal sealed class MinuteFiguresRecorder(NpgsqlDataSource dataSource, PushTally tally, TimeProvider clock, ILogger<MinuteFiguresRecorder> logger) : BackgroundService
{
    internal static readonly string Sql = $"""
        INSERT INTO odoo_sync.minute_figures (minute, host, pushed, failed, due, dead_letters)
        SELECT date_trunc('minute', @at), @host, @pushed, @failed,
               (SELECT count(*) FROM cafe.pos_configs WHERE {PushClaims.Due("@at")})::int,
               (SELECT count(*) FROM cafe.pos_configs WHERE sync_state = '{SyncState.SyncError}')::int
        ON CONFLICT (minute, host) DO UPDATE
           SET pushed = minute_figures.pushed + excluded.pushed, failed = minute_figures.failed + excluded.failed,
               due = excluded.due, dead_letters = excluded.dead_letters;
        DELETE FROM odoo_sync.minute_figures WHERE minute < @at - interval '1 day';
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            do
            {
                await RecordAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        var (pushed, failed) = tally.Take();
        try
        {
            await using var command = dataSource.CreateCommand(Sql);
            command.Parameters.AddWithValue("at", clock.GetUtcNow());
            command.Parameters.AddWithValue("host", Shared.Hosting.HostIdentity.Name);
            command.Parameters.AddWithValue("pushed", pushed);
            command.Parameters.AddWithValue("failed", failed);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException)
        {
            tally.Restore(pushed, failed);
            if (exception is NpgsqlException)
            {
                logger.LogWarning(exception, "Could not record this minute's sync figures; the next minute carries them");
            }
        }
    }
}
