using MediatR;

namespace NixCafe.Shared.Application.Behaviours;

/// <summary>Runs a request that names its tenant, its unit of work and the event handlers inside it, in that tenant's scope.</summary>
internal sealed class TenantScopeBehaviour<TRequest, TResponse>(TenantScope scope) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ITenantScopedRequest scoped)
        {
            return await next();
        }

        using (scope.Enter(scoped.TenantId))
        {
            return await next();
        }
    }
}
