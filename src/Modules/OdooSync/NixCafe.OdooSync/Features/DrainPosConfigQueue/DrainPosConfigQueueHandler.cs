using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

internal sealed class DrainPosConfigQueueHandler(
    OdooSyncDbContext db,
    PushClaims claims,
    ITenantDirectory tenants,
    TenantConnections connections,
    IOdooClientFactory clients,
    OdooFieldsCache fieldsCache,
    TimeProvider clock,
    IOptions<OdooSyncOptions> options,
    ILogger<DrainPosConfigQueueHandler> logger) : IRequestHandler<DrainPosConfigQueue, TenantDrainResult>
{
    private sealed class TenantUnreachable(OdooException cause) : Exception(cause.Message)
    {
        public OdooException Cause { get; } = cause;
    }

    public async Task<TenantDrainResult> Handle(DrainPosConfigQueue request, CancellationToken cancellationToken)
    {
        var result = new TenantDrainResult(request.TenantId);
        if (await tenants.GetPlanAsync(request.TenantId, cancellationToken) != TenantPlans.Pro)
        {
            return result with { Skipped = "not a Pro tenant" };
        }

        var connection = await connections.FindAsync(request.TenantId, cancellationToken);
        if (connection is null || !connection.Enabled)
        {
            return result with { Skipped = "no enabled Odoo connection" };
        }

        if (!connection.Healthy)
        {
            return result with { Skipped = $"the Odoo connection is unhealthy ({connection.LastError}); fix it and test it again" };
        }

        var claim = await claims.ClaimAsync(request.TenantId, options.Value.BatchSize, clock.GetUtcNow(), cancellationToken);
        var creates = claim.Rows.Where(row => row.State == SyncState.PendingCreate).ToList();
        var updates = claim.Rows.Where(row => row.State == SyncState.PendingUpdate).ToList();
        result = result with { PendingCreates = creates.Count, PendingUpdates = updates.Count };
        if (claim.Rows.Count == 0)
        {
            return result;
        }

        var settings = connections.Settings(connection);
        var odoo = clients.Create(settings);
        try
        {
            result = await CreateAsync(claim, creates, settings, odoo, result, cancellationToken);
            result = await UpdateAsync(claim, updates, odoo, result, cancellationToken);
        }
        catch (TenantUnreachable unreachable)
        {
            // A human must act on the Odoo side: spend no retry, stop pushing for this tenant.
            await connections.MarkUnhealthyAsync(request.TenantId, unreachable.Cause.Reason, cancellationToken);
            logger.LogWarning("Odoo of tenant {TenantId} refused the drain: {Reason}", request.TenantId, unreachable.Cause.Reason);
            return result with { Skipped = $"the Odoo connection is unhealthy ({unreachable.Cause.Reason})" };
        }
        finally
        {
            // Rows not pushed (a tenant error, a shutdown) go back at once instead of at lease expiry.
            await claims.ReleaseAsync(claim);
        }

        return result;
    }

    /// <summary>Renews the lease of a row about to be pushed; false when another drain has taken it since.</summary>
    private async Task<bool> StillHeldAsync(PushClaim claim, ClaimedRow row, CancellationToken cancellationToken)
    {
        if ((await claims.RenewAsync(claim, [row.Id], cancellationToken)).Contains(row.Id))
        {
            return true;
        }

        logger.LogWarning("The lease on register {RegisterId} expired before its push; another drain has it", row.Id);
        return false;
    }

    private async Task<TenantDrainResult> CreateAsync(PushClaim claim, List<ClaimedRow> creates, OdooConnectionSettings settings, IOdooClient odoo, TenantDrainResult result, CancellationToken cancellationToken)
    {
        if (creates.Count == 0)
        {
            return result;
        }

        // The template and the writable fields are read once per drain, not once per register.
        JsonObject? template;
        CloneFields fields;
        try
        {
            fields = await fieldsCache.GetAsync(settings, odoo, cancellationToken);
            var found = await odoo.ExecuteKwAsync(PosConfigPayload.Model, "search_read", [new JsonArray(new JsonArray("active", "=", true))],
                new JsonObject { ["fields"] = new JsonArray(fields.All.Select(field => (JsonNode)field).ToArray()), ["order"] = "id asc", ["limit"] = 1 }, cancellationToken);
            template = (found as JsonArray)?.FirstOrDefault() as JsonObject;
        }
        catch (OdooException failure)
        {
            foreach (var row in creates)
            {
                result = await RecordFailureAsync(claim, row, failure, result, isCreate: true, cancellationToken);
            }

            return result;
        }

        foreach (var row in creates)
        {
            if (template is null)
            {
                result = await RecordFailureAsync(claim, row, new OdooException(OdooErrorKind.Record, "NoTemplate",
                    "the tenant's Odoo has no active pos.config to copy settings from; create one in Odoo first"), result, isCreate: true, cancellationToken);
                continue;
            }

            if (!await StillHeldAsync(claim, row, cancellationToken))
            {
                continue;
            }

            try
            {
                var (columns, cells) = PosConfigPayload.LoadRow(fields, template, row.Id, row.Name, row.IsActive);
                var loaded = await odoo.ExecuteKwAsync(PosConfigPayload.Model, "load", [columns, new JsonArray(cells)], null, cancellationToken) as JsonObject;
                if (loaded?["ids"] is JsonArray { Count: 1 } ids)
                {
                    result = await RecordSuccessAsync(claim, row, ids[0]!.GetValue<int>(), result, isCreate: true, cancellationToken);
                }
                else
                {
                    throw LoadRowError(loaded);
                }
            }
            catch (OdooException failure)
            {
                result = await RecordFailureAsync(claim, row, failure, result, isCreate: true, cancellationToken);
            }
        }

        return result;
    }

    /// <summary>A load that wrote nothing: its first row message is the reason.</summary>
    private static OdooException LoadRowError(JsonObject? loaded)
    {
        var message = (loaded?["messages"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var text = message?["message"]?.GetValue<string>() ?? "Odoo's load wrote nothing and said nothing";
        return text.Contains("could not serialize access", StringComparison.Ordinal)
            ? new OdooException(OdooErrorKind.Transient, "SerializationConflict", text)
            : new OdooException(OdooErrorKind.Record, $"load({message?["field"]?.GetValue<string>() ?? "row"})", text);
    }

    private async Task<TenantDrainResult> UpdateAsync(PushClaim claim, List<ClaimedRow> updates, IOdooClient odoo, TenantDrainResult result, CancellationToken cancellationToken)
    {
        foreach (var row in updates)
        {
            if (!await StillHeldAsync(claim, row, cancellationToken))
            {
                continue;
            }

            try
            {
                await odoo.ExecuteKwAsync(PosConfigPayload.Model, "write", [new JsonArray(row.OdooId!.Value), PosConfigPayload.UpdateValues(row.Name, row.IsActive)], null, cancellationToken);
                result = await RecordSuccessAsync(claim, row, row.OdooId.Value, result, isCreate: false, cancellationToken);
            }
            catch (OdooException failure)
            {
                result = await RecordFailureAsync(claim, row, failure, result, isCreate: false, cancellationToken);
            }
        }

        return result;
    }

    /// <summary>
    /// Divergence requeue (seed 001): if the name or active flag changed while the push was in
    /// flight, the row goes back to pending_update instead of synced, so the edit is not lost. The
    /// outcome applies only while this drain's claim holds the row and the row is still in the
    /// state the drain read (an operator may have asked for a re-create meanwhile).
    /// </summary>
    private async Task<TenantDrainResult> RecordSuccessAsync(PushClaim claim, ClaimedRow row, int odooId, TenantDrainResult result, bool isCreate, CancellationToken cancellationToken)
    {
        // One statement records the outcome, ends the lease and says whether the row diverged.
        var states = await db.Database.SqlQuery<string>($"""
                UPDATE cafe.pos_configs
                   SET odoo_pos_config_id = {odooId},
                       sync_state = CASE WHEN name = {row.Name} AND is_active = {row.IsActive} THEN {SyncState.Synced} ELSE {SyncState.PendingUpdate} END,
                       odoo_sync_retries = 0, odoo_next_attempt_at = NULL, sync_error_message = NULL,
                       claim_token = NULL, claimed_by = NULL, claimed_at = NULL, claimed_until = NULL
                 WHERE id = {row.Id} AND claim_token = {claim.Token} AND sync_state = {row.State}
                RETURNING sync_state AS "Value"
                """)
            .ToListAsync(cancellationToken);
        if (states.Count == 0)
        {
            logger.LogWarning("Register {RegisterId} was pushed but its outcome was not recorded: the lease had expired or its state changed", row.Id);
            return result;
        }

        result = isCreate ? result with { Created = result.Created + 1 } : result with { Updated = result.Updated + 1 };
        return states is [SyncState.PendingUpdate] ? result with { RequeuedForDivergence = result.RequeuedForDivergence + 1 } : result;
    }

    private async Task<TenantDrainResult> RecordFailureAsync(PushClaim claim, ClaimedRow row, OdooException failure, TenantDrainResult result, bool isCreate, CancellationToken cancellationToken)
    {
        if (failure.Kind == OdooErrorKind.Tenant)
        {
            throw new TenantUnreachable(failure);
        }

        var failures = row.Retries + 1;
        var next = failure.Kind == OdooErrorKind.Transient ? RetrySchedule.NextAttempt(failures, clock.GetUtcNow(), Random.Shared) : null;
        var state = next is null ? SyncState.SyncError : row.State;
        // An edit during the flight resets the retries: then this failure is not the row's any more.
        await db.PosConfigs
            .Where(r => r.Id == row.Id && r.ClaimToken == claim.Token && r.SyncState == row.State && r.Retries == row.Retries)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.SyncState, state)
                .SetProperty(r => r.Retries, failures)
                .SetProperty(r => r.NextAttemptAt, next)
                .SetProperty(r => r.SyncErrorMessage, failure.Reason)
                .SetProperty(r => r.ClaimToken, (Guid?)null)
                .SetProperty(r => r.ClaimedBy, (string?)null)
                .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        logger.LogInformation("Push of register {RegisterId} failed ({Kind}): {Reason}", row.Id, failure.Kind, failure.Reason);
        result = isCreate ? result with { FailedCreates = result.FailedCreates + 1 } : result with { FailedUpdates = result.FailedUpdates + 1 };
        return state == SyncState.SyncError ? result with { DeadLettered = result.DeadLettered + 1 } : result;
    }
}
