using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Persistence;

internal sealed class OdooSyncDbContext(DbContextOptions<OdooSyncDbContext> options) : ModuleDbContext(options)
{
    public DbSet<PosConfigSync> PosConfigs => Set<PosConfigSync>();

    public DbSet<TenantOdooConnection> Connections => Set<TenantOdooConnection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PosConfigSync>(row =>
        {
            row.ToTable("pos_configs", "cafe");
            row.HasKey(r => r.Id);
            row.Property(r => r.Retries).HasColumnName("odoo_sync_retries");
            row.Property(r => r.NextAttemptAt).HasColumnName("odoo_next_attempt_at");
            row.Property(r => r.QueuedAt).HasColumnName("odoo_queued_at");
        });
        modelBuilder.Entity<TenantOdooConnection>(connection =>
        {
            connection.ToTable("tenant_connections", "odoo_sync");
            connection.HasKey(c => c.TenantId);
        });

        modelBuilder.ApplySnakeCaseColumns();
    }
}
