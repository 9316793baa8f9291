using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// Every tenant drain this host runs, whoever asks for it (a tick's trigger, a tenant's own
/// trigger, the operator's drain-now), at most <c>MaxConcurrentDrains</c> at once: the per-host
/// limit the connection pool is sized for. Each drain has its own DI scope, so one tenant's
/// failure never reaches another's.
/// </summary>
internal sealed class HostDrains(IServiceScopeFactory scopes, IOptions<OdooSyncOptions> options, ILogger<HostDrains> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDrains);

    /// <summary>Drains the tenant as soon as a slot is free; null when the drain crashed (logged).</summary>
    public async Task<TenantDrainResult?> RunAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
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
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Drains these tenants, as many at once as slots allow; a crashed drain's result is null.</summary>
    public Task<TenantDrainResult?[]> RunAllAsync(IEnumerable<Guid> tenantIds, CancellationToken cancellationToken) =>
        Task.WhenAll(tenantIds.Select(tenantId => RunAsync(tenantId, cancellationToken)));

    public void Dispose() => _slots.Dispose();
}
