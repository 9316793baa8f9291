using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// The host's drain slots: every tenant drain takes one for its whole run, whoever asked for it
/// (a tick's trigger, a tenant's own trigger, the operator's drain-now), so one host never runs
/// more than <c>MaxConcurrentDrains</c> at once, the limit its connection pool is sized for.
/// </summary>
internal sealed class DrainSlots(IOptions<OdooSyncOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDrains);

    /// <summary>Waits for a free slot; disposing the result gives it back.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>Runs many tenants' drains on this host, each in its own DI scope, so one tenant's failure never reaches another's.</summary>
internal sealed class HostDrains(IServiceScopeFactory scopes, ILogger<HostDrains> logger)
{
    /// <summary>Drains these tenants, as many at once as the host's drain slots allow; a crashed drain's result is null (logged).</summary>
    public Task<TenantDrainResult?[]> RunAllAsync(IEnumerable<Guid> tenantIds, CancellationToken cancellationToken) =>
        Task.WhenAll(tenantIds.Select(tenantId => RunAsync(tenantId, cancellationToken)));

    private async Task<TenantDrainResult?> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DrainPosConfigQueue.DrainPosConfigQueue(tenantId), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The drain of tenant {TenantId} failed", tenantId);
            return null;
        }
    }
}
