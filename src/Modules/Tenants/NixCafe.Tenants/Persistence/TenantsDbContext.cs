using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Domain;

namespace NixCafe.Tenants.Persistence;

internal sealed class TenantsDbContext(DbContextOptions<TenantsDbContext> options) : ModuleDbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Shop> Shops => Set<Shop>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
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

        modelBuilder.ApplySnakeCaseColumns();
    }
}
