using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>Totals of one tick over every tenant with due work.</summary>
public sealed record OdooSyncTickResult(int Tenants, int FailedTenants, int Created, int Updated, int Failed, int DeadLettered, int RequeuedForDivergence, int Skipped, IReadOnlyList<TenantDrainResult> Results);

/// <summary>
/// Drains every tenant with due work now, on this host, up to <c>MaxConcurrentDrains</c> tenants
/// at once (each tenant's calls stay in order), each in its own DI scope so one tenant's failure
/// never stops the others: the operator's "drain now". The
/// scheduled tick spreads the same drains over the cluster instead (<see cref="DispatchTenantDrains"/>).
/// Not an ICommand: each drain manages its own short writes.
/// </summary>
public sealed record RunOdooSyncTick : IRequest<OdooSyncTickResult>;

internal sealed class RunOdooSyncTickHandler(OdooSyncDbContext db, IServiceScopeFactory scopes, TimeProvider clock, IOptions<OdooSyncOptions> options, ILogger<RunOdooSyncTickHandler> logger)
    : IRequestHandler<RunOdooSyncTick, OdooSyncTickResult>
{
    public async Task<OdooSyncTickResult> Handle(RunOdooSyncTick request, CancellationToken cancellationToken)
    {
        var tenantIds = await DueTenants.ListAsync(db, clock.GetUtcNow(), cancellationToken);

        var drained = new TenantDrainResult?[tenantIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, tenantIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentDrains, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    drained[index] = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DrainPosConfigQueue.DrainPosConfigQueue(tenantIds[index]), ct);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "The drain of tenant {TenantId} failed", tenantIds[index]);
                }
            });
        var results = drained.OfType<TenantDrainResult>().ToList();
        var failedTenants = tenantIds.Count - results.Count;

        var tick = new OdooSyncTickResult(
            tenantIds.Count, failedTenants,
            results.Sum(r => r.Created), results.Sum(r => r.Updated), results.Sum(r => r.FailedCreates + r.FailedUpdates),
            results.Sum(r => r.DeadLettered), results.Sum(r => r.RequeuedForDivergence), results.Count(r => r.Skipped is not null), results);
        if (tick.Tenants > 0)
        {
            logger.LogInformation(
                "Odoo sync tick: {Tenants} tenant(s), {Created} created, {Updated} updated, {Failed} failed, {DeadLettered} dead-lettered, {Requeued} requeued, {Skipped} skipped, {FailedTenants} tenant drain(s) crashed",
                tick.Tenants, tick.Created, tick.Updated, tick.Failed, tick.DeadLettered, tick.RequeuedForDivergence, tick.Skipped, tick.FailedTenants);
        }

        return tick;
    }
}
