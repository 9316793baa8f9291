using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Telemetry;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>Runs many tenants' drains on this host, each in its own DI scope, so one tenant's failure never reaches another's.</summary>
internal sealed class HostDrains(IServiceScopeFactory scopes, ILogger<HostDrains> logger)
{
    /// <summary>Drains these tenants, as many at once as the host's drain slots allow; a crashed drain's result is null (logged).</summary>
    public Task<TenantDrainResult?[]> RunAllAsync(IEnumerable<Guid> tenantIds, DrainTrigger trigger, CancellationToken cancellationToken) =>
        Task.WhenAll(tenantIds.Select(tenantId => RunAsync(tenantId, trigger, cancellationToken)));

    private async Task<TenantDrainResult?> RunAsync(Guid tenantId, DrainTrigger trigger, CancellationToken cancellationToken)
    {
        // Each tenant's drain is a trace of its own, as a drain of the tenant's own trigger is: under
        // the tick trigger's span, one trigger's drains (hundreds) would make one trace of thousands
        // of spans. Set in this async method only, it does not reach the caller's other drains.
        Activity.Current = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DrainPosConfigQueueCommand(tenantId, trigger), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The drain of tenant {TenantId} failed", tenantId);
            return null;
        }
    }
}
