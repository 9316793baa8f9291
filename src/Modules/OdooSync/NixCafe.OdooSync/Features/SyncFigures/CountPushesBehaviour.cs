using MediatR;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;

namespace NixCafe.OdooSync.Features.SyncFigures;

/// <summary>Counts what every drain pushed, however it was started (its own trigger, the tick, the cron endpoint, the console).</summary>
internal sealed class CountPushesBehaviour(PushTally tally) : IPipelineBehavior<DrainPosConfigQueueCommand, TenantDrainResult>
{
    public async Task<TenantDrainResult> Handle(DrainPosConfigQueueCommand request, CancellationToken cancellationToken, RequestHandlerDelegate<TenantDrainResult> next)
    {
        var result = await next();
        tally.Add(result);
        return result;
    }
}
