using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Domain;

namespace NixCafe.Tenants.Persistence;

/// <summary>
/// Shops are tenant data, filtered to the current tenant. Tenants, API keys and operator keys are the
/// operator's records: the key verifier reads keys before any tenant is known, and a tenant's request reaches
/// its own tenant row only through <see cref="ICurrentTenant"/>.
/// </summary>
internal sealed class TenantsDbContext(DbContextOptions<TenantsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Shop> Shops => Set<Shop>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<OperatorKey> OperatorKeys => Set<OperatorKey>();

    protected override void MapModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.ToTable("tenants", "commerce");
            tenant.HasKey(t => t.Id);
            tenant.Ignore(t => t.DomainEvents);
        });
        modelBuilder.Entity<Shop>(shop =>
        {
            shop.ToTable("shops", "commerce");
            shop.HasKey(s => s.Id);
        });
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("tenant_api_keys", "commerce");
            key.HasKey(k => k.Id);
        });
        modelBuilder.Entity<OperatorKey>(key =>
        {
            key.ToTable("operator_keys", "commerce");
            key.HasKey(k => k.Id);
        });
    }
}
