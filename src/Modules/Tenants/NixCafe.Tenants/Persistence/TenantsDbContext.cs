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
            tenant.Property(t => t.Id).HasColumnName("id");
            tenant.Property(t => t.Name).HasColumnName("name");
            tenant.Property(t => t.Plan).HasColumnName("plan");
            tenant.Property(t => t.CreatedAt).HasColumnName("created_at");
            tenant.Ignore(t => t.DomainEvents);
        });
        modelBuilder.Entity<Shop>(shop =>
        {
            shop.ToTable("shops", "commerce");
            shop.HasKey(s => s.Id);
            shop.Property(s => s.Id).HasColumnName("id");
            shop.Property(s => s.TenantId).HasColumnName("tenant_id");
            shop.Property(s => s.Name).HasColumnName("name");
            shop.Property(s => s.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("tenant_api_keys", "commerce");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.TenantId).HasColumnName("tenant_id");
            key.Property(k => k.Salt).HasColumnName("salt");
            key.Property(k => k.SecretHash).HasColumnName("secret_hash");
            key.Property(k => k.CreatedAt).HasColumnName("created_at");
            key.Property(k => k.RevokedAt).HasColumnName("revoked_at");
        });
    }
}
