using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.OdooSync.Telemetry;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// The drain of one tenant: claim a batch, push its creates, push its updates (each outcome
/// recorded as it comes), then go on or stop. It stops when nothing more is due and no edit landed
/// during the flight, or after ten batches (a larger backlog goes on in a drain of its own, so one
/// tenant never holds a drain slot for long).
/// </summary>
internal sealed class DrainPosConfigQueueCommandHandler(
    DrainableConnection connections,
    AdoptionCheck adoption,
    PushClaims claims,
    OdooServerProfiles profiles,
    TenantDrainTriggers drains,
    TimeProvider clock,
    RetryJitter jitter,
    IOptions<OdooSyncOptions> options,
    OdooSyncMetrics metrics,
    ILogger<DrainPosConfigQueueCommandHandler> logger) : IRequestHandler<DrainPosConfigQueueCommand, TenantDrainResult>
{
    private const int BatchesPerDrain = 10;

    public async Task<TenantDrainResult> Handle(DrainPosConfigQueueCommand request, CancellationToken cancellationToken)
    {
        using var measured = metrics.MeasureDrain(request.Trigger);
        var result = new TenantDrainResult(request.TenantId);
        var (odoo, settings, skipped, adoptionChecked) = await connections.OpenAsync(request.TenantId, cancellationToken);
        if (odoo is null || settings is null)
        {
            return result with { Skipped = skipped };
        }

        var pushes = new RegisterPushes(claims, odoo, new PosConfigTemplateReader(odoo, settings, profiles), adoption, adoptionChecked, clock, jitter, metrics, logger);
        for (var batch = 1; ; batch++)
        {
            var claim = await claims.ClaimAsync(options.Value.BatchSize, options.Value.UpdateBatchSize, clock.GetUtcNow(), cancellationToken);
            var creates = claim.Rows.Where(row => row.State == SyncState.PendingCreate).ToList();
            var updates = claim.Rows.Where(row => row.State == SyncState.PendingUpdate).ToList();
            result = result with { PendingCreates = result.PendingCreates + creates.Count, PendingUpdates = result.PendingUpdates + updates.Count };
            if (claim.Rows.Count == 0)
            {
                return result;
            }

            var requeuedBefore = result.RequeuedForDivergence;
            try
            {
                result = await pushes.CreateAsync(claim, creates, result, cancellationToken);
                result = await pushes.UpdateAsync(claim, updates, result, cancellationToken);
            }
            catch (TenantUnreachableException unreachable)
            {
                await connections.PauseAsync(request.TenantId, unreachable.Cause.Reason, cancellationToken);
                return result with { Skipped = $"the Odoo connection is unhealthy ({unreachable.Cause.Reason})" };
            }
            finally
            {
                // Rows not pushed (a tenant error, a shutdown) go back at once instead of at lease expiry.
                await claims.ReleaseAsync(claim);
            }

            // More than one batch was due, or an edit landed during the flight: carry on at once
            // (a drain on the tenant's own trigger leaves that edit to the drain it asked for).
            if (!claim.MoreDue && (request.Trigger == DrainTrigger.Immediate || result.RequeuedForDivergence == requeuedBefore))
            {
                return result;
            }

            if (batch == BatchesPerDrain)
            {
                await drains.RequestLaterAsync(request.TenantId, cancellationToken);
                return result;
            }
        }
    }
}
