using Microsoft.EntityFrameworkCore;
using NixCafe.Tenants.Contracts;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants;

internal sealed class TenantDirectory(TenantsDbContext db) : ITenantDirectory
{
    public Task<bool> ShopBelongsToTenantAsync(Guid tenantId, Guid shopId, CancellationToken cancellationToken) =>
        db.Shops.AnyAsync(shop => shop.Id == shopId && shop.TenantId == tenantId, cancellationToken);

    public Task<string?> GetPlanAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.Tenants.Where(tenant => tenant.Id == tenantId).Select(tenant => (string?)tenant.Plan).SingleOrDefaultAsync(cancellationToken);

    public async Task<string?> HoldPlanAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<string>($"SELECT plan AS \"Value\" FROM commerce.tenants WHERE id = {tenantId} FOR SHARE").ToListAsync(cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlySet<Guid>> ProTenantsAmongAsync(IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken) =>
        tenantIds.Count == 0
            ? new HashSet<Guid>()
            : (await db.Tenants.Where(tenant => tenantIds.Contains(tenant.Id) && tenant.Plan == TenantPlans.Pro).Select(tenant => tenant.Id).ToListAsync(cancellationToken)).ToHashSet();
}
