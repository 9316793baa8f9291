namespace NixCafe.Tenants.Contracts;

/// <summary>What other modules may ask about tenants and their shops.</summary>
public interface ITenantDirectory
{
    Task<bool> ShopBelongsToTenantAsync(Guid tenantId, Guid shopId, CancellationToken cancellationToken);

    /// <summary>The tenant's plan (<see cref="TenantPlans"/>), or null when there is no such tenant.</summary>
    Task<string?> GetPlanAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's plan, read under a share lock: a plan change waits until the caller's
    /// transaction ends, so what the caller decided from the plan is committed before the change
    /// looks at it.
    /// </summary>
    Task<string?> HoldPlanAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="tenantIds"/> whose plan is Pro, in one query.</summary>
    Task<IReadOnlySet<Guid>> ProTenantsAmongAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken);
}
