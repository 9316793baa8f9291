using NixCafe.Shared.Application;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.DeadLetters;

/// <summary>The tenant an operator names in the route: an unknown one is a 404, not an empty status.</summary>
internal sealed class KnownTenant(ICurrentTenant tenant, ITenantDirectory tenants)
{
    public async Task EnsureExistsAsync(CancellationToken cancellationToken)
    {
        if (await tenants.GetPlanAsync(tenant.Id, cancellationToken) is null)
        {
            throw new NotFoundException("Tenant", tenant.Id);
        }
    }
}
