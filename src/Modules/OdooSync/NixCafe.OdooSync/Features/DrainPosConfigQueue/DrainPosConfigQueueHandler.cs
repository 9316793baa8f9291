using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

internal sealed class DrainPosConfigQueueHandler(
    OdooSyncDbContext db,
    PushClaims claims,
    ICurrentTenant tenant,
    ITenantDirectory tenants,
    TenantConnections connections,
    IOdooClientFactory clients,
    OdooServerProfiles profiles,
    TenantDrainTriggers drains,
    DrainSlots slots,
    TimeProvider clock,
    IOptions<OdooSyncOptions> options,
    ILogger<DrainPosConfigQueueHandler> logger) : IRequestHandler<DrainPosConfigQueue, TenantDrainResult>
{
    private const int BatchesPerDrain = 10;

    private sealed class TenantUnreachable(OdooException cause) : Exception(cause.Message)
    {
        public OdooException Cause { get; } = cause;
    }

    public async Task<TenantDrainResult> Handle(DrainPosConfigQueue request, CancellationToken cancellationToken)
    {
        using var slot = await slots.TakeAsync(cancellationToken);
        var result = new TenantDrainResult(request.TenantId);
        if (await tenants.GetPlanAsync(request.TenantId, cancellationToken) != TenantPlans.Pro)
        {
            return result with { Skipped = "not a Pro tenant" };
        }

        var connection = await connections.FindAsync(cancellationToken);
        if (connection is null || !connection.Enabled)
        {
            return result with { Skipped = "no enabled Odoo connection" };
        }

        // A key that could not be decrypted is tried again: the host that failed may have lacked
        // the key ring's certificate, which this one has. Other failures wait for a human.
        var pausedForUnreadableKey = !connection.Healthy && connection.LastError == TenantConnections.UnreadableKeyReason;
        if (!connection.Healthy && !pausedForUnreadableKey)
        {
            return result with { Skipped = $"the Odoo connection is unhealthy ({connection.LastError}); fix it and test it again" };
        }

        if (connections.TrySettings(connection) is not { } settings)
        {
            // Not the registers' fault: nothing is claimed and no retry spent. Logged once, when
            // the connection turns unhealthy, however many drains skip it afterwards.
            if (!pausedForUnreadableKey)
            {
                await connections.SetHealthAsync(healthy: false, TenantConnections.UnreadableKeyReason, cancellationToken);
                logger.LogWarning("The stored Odoo API key of tenant {TenantId} cannot be decrypted; its pushes wait until a host decrypts it or the key is entered again", request.TenantId);
            }

            return result with { Skipped = $"the Odoo connection is unhealthy ({TenantConnections.UnreadableKeyReason})" };
        }

        if (pausedForUnreadableKey)
        {
            await connections.SetHealthAsync(healthy: true, lastError: null, cancellationToken);
            logger.LogInformation("The stored Odoo API key of tenant {TenantId} decrypts again; its pushes resume", request.TenantId);
        }

        var odoo = clients.Create(settings);
        var templates = new PosConfigTemplateReader(odoo, settings, profiles);
        for (var batch = 1; ; batch++)
        {
            var claim = await claims.ClaimAsync(options.Value.BatchSize, clock.GetUtcNow(), cancellationToken);
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
                result = await CreateAsync(claim, creates, templates, odoo, result, cancellationToken);
                result = await UpdateAsync(claim, updates, odoo, result, cancellationToken);
            }
            catch (TenantUnreachable unreachable)
            {
                // A human must act on the Odoo side: spend no retry, stop pushing for this tenant.
                await connections.SetHealthAsync(healthy: false, unreachable.Cause.Reason, cancellationToken);
                logger.LogWarning("Odoo of tenant {TenantId} refused the drain: {Reason}", request.TenantId, unreachable.Cause.Reason);
                return result with { Skipped = $"the Odoo connection is unhealthy ({unreachable.Cause.Reason})" };
            }
            finally
            {
                // Rows not pushed (a tenant error, a shutdown) go back at once instead of at lease expiry.
                await claims.ReleaseAsync(claim);
            }

            // More than one batch was due, or an edit landed during the flight: carry on at once.
            if (!claim.MoreDue && result.RequeuedForDivergence == requeuedBefore)
            {
                return result;
            }

            // A large backlog goes on in a drain of its own, so this one does not hold a drain slot
            // (and its tenant's turn) for long while other tenants wait.
            if (batch == BatchesPerDrain)
            {
                await drains.RequestSoonAsync(request.TenantId, cancellationToken);
                return result;
            }
        }
    }

    /// <summary>A claimed row and the <c>load</c> row that pushes it.</summary>
    private sealed record Push(ClaimedRow Row, JsonArray Cells);

    /// <summary>A row Odoo took, and the database id of the record it made or updated.</summary>
    private sealed record Loaded(ClaimedRow Row, int OdooId);

    /// <summary>
    /// Creates go in a fixed number of calls per batch, whatever its size: where the template has
    /// a cash method, one <c>load</c> of cash journals and one of cash methods, one per register,
    /// then one <c>load</c> of the configs. A register refused at one step goes no further.
    /// </summary>
    private async Task<TenantDrainResult> CreateAsync(PushClaim claim, List<ClaimedRow> creates, PosConfigTemplateReader templates, IOdooClient odoo, TenantDrainResult result, CancellationToken cancellationToken)
    {
        if (creates.Count == 0)
        {
            return result;
        }

        PosConfigTemplate? template;
        bool mayCreateCashJournals;
        try
        {
            template = await templates.ReadAsync(cancellationToken);
            mayCreateCashJournals = template is not { HasCashPaymentMethod: true } || await templates.MayCreateCashJournalsAsync(cancellationToken);
        }
        catch (OdooException failure)
        {
            return await RecordFailuresAsync(claim, creates, failure, result, cancellationToken);
        }

        if (template is null)
        {
            return await RecordFailuresAsync(claim, creates, new OdooException(OdooErrorKind.Record, "NoTemplate",
                "the tenant's Odoo has no active pos.config to copy settings from; create one in Odoo first"), result, cancellationToken);
        }

        if (!mayCreateCashJournals)
        {
            // The tenant waits, spending no retry, until the right is granted and the connection tested.
            throw new TenantUnreachable(PosConfigTemplateReader.CashJournalRightsMissing(template));
        }

        var cashMethods = new Dictionary<Guid, int>();
        if (template.HasCashPaymentMethod)
        {
            List<Loaded> journals, methods;
            (result, journals) = await LoadAsync(claim, CashMethodPayload.JournalModel, CashMethodPayload.JournalColumns(),
                creates.Select(row => new Push(row, CashMethodPayload.JournalRow(row.Id, row.Name))).ToList(), odoo, result, cancellationToken);
            (result, methods) = await LoadAsync(claim, CashMethodPayload.PaymentMethodModel, CashMethodPayload.MethodColumns(),
                journals.Select(journal => new Push(journal.Row, CashMethodPayload.MethodRow(journal.Row.Id))).ToList(), odoo, result, cancellationToken);
            creates = methods.Select(method => method.Row).ToList();
            cashMethods = methods.ToDictionary(method => method.Row.Id, method => method.OdooId);
        }

        if (creates.Count == 0)
        {
            return result;
        }

        var pushes = creates.Select(row => (Row: row, Load: PosConfigPayload.LoadRow(template, row.Id, row.Name, row.IsActive, cashMethods.TryGetValue(row.Id, out var own) ? own : null))).ToList();
        (result, var configs) = await LoadAsync(claim, PosConfigPayload.Model, pushes[0].Load.Columns, pushes.Select(push => new Push(push.Row, push.Load.Cells)).ToList(), odoo, result, cancellationToken);
        return await RecordSuccessesAsync(claim, configs, result, cancellationToken);
    }

    private async Task<TenantDrainResult> UpdateAsync(PushClaim claim, List<ClaimedRow> updates, IOdooClient odoo, TenantDrainResult result, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return result;
        }

        (result, var updated) = await LoadAsync(claim, PosConfigPayload.Model, PosConfigPayload.UpdateColumns(),
            updates.Select(row => new Push(row, PosConfigPayload.UpdateRow(row.OdooId!.Value, row.Name, row.IsActive))).ToList(), odoo, result, cancellationToken);
        return await RecordSuccessesAsync(claim, updated, result, cancellationToken);
    }

    /// <summary>
    /// Pushes rows of one model in one <c>load</c> and returns those Odoo took; the others get
    /// their failure recorded. Odoo's load is all-or-nothing: when it names bad rows, those get
    /// their record error and the rest are sent once more without them; an RPC-level refusal of
    /// the whole batch (or a refusal that names no row) falls back to one row per call, so one bad
    /// register never holds the others back. A transport failure fails them all: Odoo is down.
    /// </summary>
    private async Task<(TenantDrainResult, List<Loaded>)> LoadAsync(PushClaim claim, string model, JsonArray columns, List<Push> pushes, IOdooClient odoo, TenantDrainResult result, CancellationToken cancellationToken)
    {
        var remaining = pushes;
        for (var attempt = 0; attempt < 2 && remaining.Count > 0; attempt++)
        {
            remaining = await StillHeldAsync(claim, remaining, cancellationToken);
            if (remaining.Count == 0)
            {
                break;
            }

            JsonObject? loaded;
            try
            {
                loaded = await odoo.CallAsync(OdooCall.Load(model, (JsonArray)columns.DeepClone(), new JsonArray(remaining.Select(push => (JsonNode)push.Cells.DeepClone()).ToArray())), cancellationToken) as JsonObject;
            }
            catch (OdooException failure) when (failure.Kind == OdooErrorKind.Record && remaining.Count > 1)
            {
                return await OneByOneAsync(claim, model, columns, remaining, odoo, result, cancellationToken);
            }
            catch (OdooException failure)
            {
                return (await RecordFailuresAsync(claim, remaining.Select(push => push.Row).ToList(), failure, result, cancellationToken), []);
            }

            if (loaded?["ids"] is JsonArray ids && ids.Count == remaining.Count)
            {
                return (result, remaining.Zip(ids, (push, id) => new Loaded(push.Row, id!.GetValue<int>())).ToList());
            }

            var refused = RefusedRows(loaded, remaining.Count);
            if (refused.Count == 0)
            {
                var failure = LoadError(loaded);
                return failure.Kind == OdooErrorKind.Transient || remaining.Count == 1
                    ? (await RecordFailuresAsync(claim, remaining.Select(push => push.Row).ToList(), failure, result, cancellationToken), [])
                    : await OneByOneAsync(claim, model, columns, remaining, odoo, result, cancellationToken);
            }

            foreach (var (index, failure) in refused)
            {
                result = await RecordFailuresAsync(claim, [remaining[index].Row], failure, result, cancellationToken);
            }

            remaining = remaining.Where((_, index) => !refused.ContainsKey(index)).ToList();
        }

        // The resend was refused too: what is left goes one row per call.
        return remaining.Count == 0 ? (result, []) : await OneByOneAsync(claim, model, columns, remaining, odoo, result, cancellationToken);
    }

    private async Task<(TenantDrainResult, List<Loaded>)> OneByOneAsync(PushClaim claim, string model, JsonArray columns, List<Push> pushes, IOdooClient odoo, TenantDrainResult result, CancellationToken cancellationToken)
    {
        var taken = new List<Loaded>();
        foreach (var push in pushes)
        {
            if ((await StillHeldAsync(claim, [push], cancellationToken)).Count == 0)
            {
                continue;
            }

            try
            {
                var loaded = await odoo.CallAsync(OdooCall.Load(model, (JsonArray)columns.DeepClone(), new JsonArray(push.Cells.DeepClone())), cancellationToken) as JsonObject;
                if (loaded?["ids"] is JsonArray { Count: 1 } ids)
                {
                    taken.Add(new Loaded(push.Row, ids[0]!.GetValue<int>()));
                }
                else
                {
                    result = await RecordFailuresAsync(claim, [push.Row], LoadError(loaded), result, cancellationToken);
                }
            }
            catch (OdooException failure)
            {
                result = await RecordFailuresAsync(claim, [push.Row], failure, result, cancellationToken);
            }
        }

        return (result, taken);
    }

    /// <summary>Renews the leases of the rows about to be pushed; keeps those no other drain has taken since.</summary>
    private async Task<List<Push>> StillHeldAsync(PushClaim claim, List<Push> pushes, CancellationToken cancellationToken)
    {
        var held = await claims.RenewAsync(claim, pushes.Select(push => push.Row.Id).ToList(), cancellationToken);
        if (held.Count < pushes.Count)
        {
            logger.LogWarning("{Lost} lease(s) expired before their push; another drain has those registers", pushes.Count - held.Count);
        }

        return pushes.Where(push => held.Contains(push.Row.Id)).ToList();
    }

    /// <summary>The rows a refused load names (0-based, as Odoo reports them), each with its reason.</summary>
    private static Dictionary<int, OdooException> RefusedRows(JsonObject? loaded, int rowCount)
    {
        var refused = new Dictionary<int, OdooException>();
        foreach (var message in (loaded?["messages"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (message["record"] is JsonValue record && record.TryGetValue<int>(out var index) && index >= 0 && index < rowCount && !refused.ContainsKey(index))
            {
                refused[index] = MessageError(message);
            }
        }

        return refused;
    }

    /// <summary>A load that wrote nothing: its first message is the reason.</summary>
    private static OdooException LoadError(JsonObject? loaded) =>
        (loaded?["messages"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() is { } message
            ? MessageError(message)
            : new OdooException(OdooErrorKind.Record, "load", "Odoo's load wrote nothing and said nothing");

    private static OdooException MessageError(JsonObject message)
    {
        var text = message["message"]?.GetValue<string>() ?? "no message";
        return text.Contains("could not serialize access", StringComparison.Ordinal)
            ? new OdooException(OdooErrorKind.Transient, "SerializationConflict", text)
            : new OdooException(OdooErrorKind.Record, $"load({message["field"]?.GetValue<string>() ?? "row"})", text);
    }

    /// <summary>
    /// Records pushed rows in one statement. Divergence requeue (seed 001): a row whose name or
    /// active flag changed during the flight goes back to pending_update, so the edit is not lost.
    /// An outcome applies only while this drain's claim holds the row and the row is still in the
    /// state the drain read (an operator may have asked for a re-create meanwhile).
    /// </summary>
    private async Task<TenantDrainResult> RecordSuccessesAsync(PushClaim claim, List<Loaded> pushed, TenantDrainResult result, CancellationToken cancellationToken)
    {
        if (pushed.Count == 0)
        {
            return result;
        }

        var ids = pushed.Select(push => push.Row.Id).ToArray();
        var odooIds = pushed.Select(push => push.OdooId).ToArray();
        var names = pushed.Select(push => push.Row.Name).ToArray();
        var actives = pushed.Select(push => push.Row.IsActive).ToArray();
        var states = pushed.Select(push => push.Row.State).ToArray();
        var recorded = await db.Database.SqlQuery<RecordedOutcome>($"""
                UPDATE cafe.pos_configs AS row
                   SET odoo_pos_config_id = pushed.odoo_id,
                       sync_state = CASE WHEN row.name = pushed.name AND row.is_active = pushed.active THEN {SyncState.Synced} ELSE {SyncState.PendingUpdate} END,
                       odoo_sync_retries = 0, odoo_next_attempt_at = NULL, sync_error_message = NULL,
                       claim_token = NULL, claimed_by = NULL, claimed_at = NULL, claimed_until = NULL
                  FROM unnest({ids}, {odooIds}, {names}, {actives}, {states}) AS pushed(id, odoo_id, name, active, read_state)
                 WHERE row.id = pushed.id AND row.claim_token = {claim.Token} AND row.sync_state = pushed.read_state AND row.tenant_id = {tenant.Id}
                RETURNING row.id, pushed.read_state, row.sync_state AS state
                """)
            .ToListAsync(cancellationToken);
        claim.Settle(recorded.Select(row => row.Id));
        if (recorded.Count < pushed.Count)
        {
            logger.LogWarning("{Count} register(s) were pushed but their outcome was not recorded: the lease had expired or their state changed", pushed.Count - recorded.Count);
        }

        return result with
        {
            Created = result.Created + recorded.Count(row => row.ReadState == SyncState.PendingCreate),
            Updated = result.Updated + recorded.Count(row => row.ReadState == SyncState.PendingUpdate),
            RequeuedForDivergence = result.RequeuedForDivergence + recorded.Count(row => row.State == SyncState.PendingUpdate),
        };
    }

    private sealed class RecordedOutcome
    {
        public Guid Id { get; init; }

        public string ReadState { get; init; } = "";

        public string State { get; init; } = "";
    }

    private async Task<TenantDrainResult> RecordFailuresAsync(PushClaim claim, List<ClaimedRow> rows, OdooException failure, TenantDrainResult result, CancellationToken cancellationToken)
    {
        if (failure.Kind == OdooErrorKind.Tenant)
        {
            throw new TenantUnreachable(failure);
        }

        foreach (var row in rows)
        {
            var failures = row.Retries + 1;
            var next = failure.Kind == OdooErrorKind.Transient ? RetrySchedule.NextAttempt(failures, clock.GetUtcNow(), Random.Shared) : null;
            var state = next is null ? SyncState.SyncError : row.State;
            // A failure belongs to what was pushed: an edit during the flight (a new name or flag, or
            // any edit queued anew) goes out at the next drain instead of taking the failure.
            var recorded = await db.PosConfigs
                .Where(r => r.Id == row.Id && r.ClaimToken == claim.Token && r.SyncState == row.State
                            && r.QueuedAt == row.QueuedAt && r.Name == row.Name && r.IsActive == row.IsActive)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.SyncState, state)
                    .SetProperty(r => r.Retries, failures)
                    .SetProperty(r => r.NextAttemptAt, next)
                    .SetProperty(r => r.SyncErrorMessage, failure.Reason)
                    .SetProperty(r => r.ClaimToken, (Guid?)null)
                    .SetProperty(r => r.ClaimedBy, (string?)null)
                    .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
            if (recorded == 1)
            {
                claim.Settle([row.Id]);
            }

            logger.LogInformation("Push of register {RegisterId} failed ({Kind}): {Reason}", row.Id, failure.Kind, failure.Reason);
            result = row.State == SyncState.PendingCreate
                ? result with { FailedCreates = result.FailedCreates + 1 }
                : result with { FailedUpdates = result.FailedUpdates + 1 };
            result = state == SyncState.SyncError && recorded == 1 ? result with { DeadLettered = result.DeadLettered + 1 } : result;
        }

        return result;
    }
}
