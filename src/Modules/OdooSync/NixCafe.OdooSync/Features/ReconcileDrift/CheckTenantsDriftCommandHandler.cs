using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>Runs the checks at once, each in its own DI scope (the drain slots bound them), so one tenant's failure never reaches another's.</summary>
internal sealed class CheckTenantsDriftCommandHandler(IServiceScopeFactory scopes, ILogger<CheckTenantsDriftCommandHandler> logger) : IRequestHandler<CheckTenantsDriftCommand, int>
{
    public async Task<int> Handle(CheckTenantsDriftCommand request, CancellationToken cancellationToken) =>
        (await Task.WhenAll(request.TenantIds.Select(tenantId => CheckAsync(tenantId, cancellationToken)))).Count(finished => finished);

    private async Task<bool> CheckAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CheckDriftCommand(tenantId), cancellationToken);
            return result.Skipped is null && result.Error is null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The drift check of tenant {TenantId} failed", tenantId);
            return false;
        }
    }
}
