using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.OdooSync.Telemetry;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// One drain's pushes of a claimed batch to the tenant's Odoo: its creates (cash journal, cash
/// method, then the <c>pos.config</c> copied from the template) and its updates, each step one
/// <see cref="BatchLoad{TRow}"/> for the whole batch, and each outcome recorded through the claim
/// as the domain's <see cref="Domain.RegisterSync"/> says. A tenant failure stops the drain
/// (<see cref="TenantUnreachableException"/>) before any retry is spent.
/// </summary>
internal sealed class RegisterPushes(PushClaims claims, IOdooClient odoo, PosConfigTemplateReader templates, AdoptionCheck adoption, bool adoptionChecked, TimeProvider clock, Domain.RetryJitter jitter, OdooSyncMetrics metrics, ILogger logger)
{
    /// <summary>
    /// Creates go in a fixed number of calls per batch, whatever its size: where the template has
    /// a cash method, one <c>load</c> of cash journals and one of cash methods, one per register,
    /// then one <c>load</c> of the configs. A register refused at one step goes no further.
    /// </summary>
    public async Task<TenantDrainResult> CreateAsync(PushClaim claim, List<ClaimedRow> creates, TenantDrainResult result, CancellationToken cancellationToken)
    {
        if (creates.Count == 0)
        {
            return result;
        }

        using var span = OdooSyncTracing.StartPush("create", creates.Select(row => row.Id));
        var outcome = new Outcome(result);
        PosConfigTemplate? template;
        try
        {
            template = await templates.ReadAsync(cancellationToken);
            if (template is not null)
            {
                await templates.RequireCashJournalRightsAsync(template, cancellationToken);
            }
        }
        catch (OdooException failure)
        {
            await RecordFailuresAsync(claim, creates, failure, outcome, cancellationToken);
            return outcome.Result;
        }

        if (template is null)
        {
            await RecordFailuresAsync(claim, creates, new OdooException(OdooErrorKind.Record, "NoTemplate",
                "the tenant's Odoo has no active pos.config to copy settings from; create one in Odoo first"), outcome, cancellationToken);
            return outcome.Result;
        }

        // Never a duplicate of a record the tenant's Odoo had already: such creates wait for the operator.
        // The check is made once per connection; a connection read as checked asks nothing more.
        int held;
        try
        {
            held = adoptionChecked ? 0 : await adoption.HoldIfOdooHasRecordsAsync(odoo, template, cancellationToken);
            adoptionChecked = held == 0;
        }
        catch (OdooException failure)
        {
            await RecordFailuresAsync(claim, creates, failure, outcome, cancellationToken);
            return outcome.Result;
        }

        if (held > 0)
        {
            return outcome.Result with { HeldForAdoption = outcome.Result.HeldForAdoption + held };
        }

        var load = Load(claim, outcome, cancellationToken);
        var cashMethods = new Dictionary<Guid, int>();
        if (template.HasCashPaymentMethod)
        {
            var journals = await load.LoadAsync(CashMethodPayload.JournalModel, CashMethodPayload.JournalColumns(),
                creates.Select(row => (row, CashMethodPayload.JournalRow(row.Id, row.Name))).ToList(), cancellationToken);
            var methods = await load.LoadAsync(CashMethodPayload.PaymentMethodModel, CashMethodPayload.MethodColumns(),
                journals.Select(journal => (journal.Row, CashMethodPayload.MethodRow(journal.Row.Id))).ToList(), cancellationToken);
            creates = methods.Select(method => method.Row).ToList();
            cashMethods = methods.ToDictionary(method => method.Row.Id, method => method.OdooId);
        }

        if (creates.Count == 0)
        {
            return outcome.Result;
        }

        var pushes = creates.Select(row => (Row: row, Load: PosConfigPayload.LoadRow(template, row.Id, row.Name, row.IsActive, cashMethods.TryGetValue(row.Id, out var own) ? own : null))).ToList();
        var configs = await load.LoadAsync(PosConfigPayload.Model, pushes[0].Load.Columns, pushes.Select(push => (push.Row, push.Load.Cells)).ToList(), cancellationToken);
        await RecordPushedAsync(claim, configs, outcome, cancellationToken);
        return outcome.Result;
    }

    /// <summary>Updates (name and active flag, by database id) go in one <c>load</c>.</summary>
    public async Task<TenantDrainResult> UpdateAsync(PushClaim claim, List<ClaimedRow> updates, TenantDrainResult result, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return result;
        }

        using var span = OdooSyncTracing.StartPush("update", updates.Select(row => row.Id));
        var outcome = new Outcome(result);
        var updated = await Load(claim, outcome, cancellationToken).LoadAsync(PosConfigPayload.Model, PosConfigPayload.UpdateColumns(),
            updates.Select(row => (row, PosConfigPayload.UpdateRow(row.OdooId!.Value, row.Name, row.IsActive))).ToList(), cancellationToken);
        await RecordPushedAsync(claim, updated, outcome, cancellationToken);
        return outcome.Result;
    }

    private BatchLoad<ClaimedRow> Load(PushClaim claim, Outcome outcome, CancellationToken cancellationToken) => new(
        odoo,
        rows => StillHeldAsync(claim, rows, cancellationToken),
        (rows, failure) => RecordFailuresAsync(claim, rows, failure, outcome, cancellationToken));

    /// <summary>Renews the leases of the rows about to be pushed; keeps those no other drain has taken since.</summary>
    private async Task<IReadOnlyList<ClaimedRow>> StillHeldAsync(PushClaim claim, IReadOnlyList<ClaimedRow> rows, CancellationToken cancellationToken)
    {
        var held = await claims.RenewAsync(claim, rows.Select(row => row.Id).ToList(), cancellationToken);
        if (held.Count < rows.Count)
        {
            logger.LogWarning("{Lost} lease(s) expired before their push; another drain has those registers", rows.Count - held.Count);
        }

        return rows.Where(row => held.Contains(row.Id)).ToList();
    }

    private async Task RecordPushedAsync(PushClaim claim, List<(ClaimedRow Row, int OdooId)> pushed, Outcome outcome, CancellationToken cancellationToken)
    {
        var recorded = await claims.RecordPushedAsync(claim, pushed, cancellationToken);
        if (recorded.Count < pushed.Count)
        {
            logger.LogWarning("{Count} register(s) were pushed but their outcome was not recorded: the lease had expired or their state changed", pushed.Count - recorded.Count);
        }

        metrics.Pushed(PushOutcomes.NotRecorded, pushed.Count - recorded.Count);
        metrics.Pushed(PushOutcomes.Requeued, recorded.Count(row => row.State == Domain.SyncState.PendingUpdate));
        metrics.Pushed(PushOutcomes.Created, recorded.Count(row => row.State != Domain.SyncState.PendingUpdate && row.ReadState == Domain.SyncState.PendingCreate));
        metrics.Pushed(PushOutcomes.Updated, recorded.Count(row => row.State != Domain.SyncState.PendingUpdate && row.ReadState == Domain.SyncState.PendingUpdate));

        outcome.Result = outcome.Result with
        {
            Created = outcome.Result.Created + recorded.Count(row => row.ReadState == Domain.SyncState.PendingCreate),
            Updated = outcome.Result.Updated + recorded.Count(row => row.ReadState == Domain.SyncState.PendingUpdate),
            RequeuedForDivergence = outcome.Result.RequeuedForDivergence + recorded.Count(row => row.State == Domain.SyncState.PendingUpdate),
        };
    }

    private async Task RecordFailuresAsync(PushClaim claim, IReadOnlyList<ClaimedRow> rows, OdooException failure, Outcome outcome, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            var sync = row.Sync();
            if (!sync.RecordFailure(failure.Kind, failure.Reason, clock.GetUtcNow(), jitter.Next()))
            {
                // A human must act on the Odoo side: no retry spent, the tenant stops here.
                metrics.Pushed(PushOutcomes.FailedTenant, rows.Count);
                throw new TenantUnreachableException(failure);
            }

            metrics.Pushed(failure.Kind == OdooErrorKind.Transient ? PushOutcomes.FailedTransient : PushOutcomes.FailedRecord);

            var recorded = await claims.RecordFailureAsync(claim, row, sync, cancellationToken);
            logger.LogInformation("Push of register {RegisterId} failed ({Kind}): {Reason}", row.Id, failure.Kind, failure.Reason);
            var result = row.State == Domain.SyncState.PendingCreate
                ? outcome.Result with { FailedCreates = outcome.Result.FailedCreates + 1 }
                : outcome.Result with { FailedUpdates = outcome.Result.FailedUpdates + 1 };
            var deadLettered = sync.SyncState == Domain.SyncState.SyncError && recorded;
            outcome.Result = deadLettered ? result with { DeadLettered = result.DeadLettered + 1 } : result;
            if (deadLettered)
            {
                metrics.DeadLettered(failure.Kind == OdooErrorKind.Transient ? PushOutcomes.RetriesExhausted : PushOutcomes.Refused);
            }
        }
    }

    /// <summary>The drain's totals as the pushes of one step add to them (the load's failure callbacks count too).</summary>
    private sealed class Outcome(TenantDrainResult result)
    {
        public TenantDrainResult Result { get; set; } = result;
    }
}
