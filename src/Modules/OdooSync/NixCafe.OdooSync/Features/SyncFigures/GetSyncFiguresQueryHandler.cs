using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Persistence;
using Npgsql;

namespace NixCafe.OdooSync.Features.SyncFigures;

/// <summary>Totals across tenants only (the operator's view): the hosts' pushes add up; the queue's totals are the same on every host, so the latest is taken.</summary>
internal sealed class GetSyncFiguresQueryHandler(OdooSyncDbContext db, TimeProvider clock) : IRequestHandler<GetSyncFiguresQuery, SyncFiguresResponse>
{
    private const int Minutes = 60;

    public async Task<SyncFiguresResponse> Handle(GetSyncFiguresQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Database.SqlQueryRaw<MinuteFigure>("""
                SELECT minute, max(due)::int AS due, max(dead_letters)::int AS dead_letters, sum(pushed)::int AS pushed, sum(failed)::int AS failed
                  FROM odoo_sync.minute_figures
                 WHERE minute > @since
                 GROUP BY minute
                """, new NpgsqlParameter("since", now.AddMinutes(-Minutes)))
            .ToListAsync(cancellationToken);
        var byMinute = rows.ToDictionary(row => row.Minute.ToUniversalTime());
        var last = new DateTimeOffset(now.UtcDateTime.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var minutes = new List<MinuteFigure>(Minutes);
        for (var i = Minutes - 1; i >= 0; i--)
        {
            var minute = last.AddMinutes(-i);
            // A minute no host wrote yet (the current one, say) pushed nothing, and its queue is the minute before's.
            minutes.Add(byMinute.GetValueOrDefault(minute)
                        ?? new MinuteFigure(minute, minutes.LastOrDefault()?.Due ?? 0, minutes.LastOrDefault()?.DeadLetters ?? 0, 0, 0));
        }

        return new SyncFiguresResponse(minutes);
    }
}
