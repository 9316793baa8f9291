using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Persistence;

internal sealed class OdooSyncDbContext(DbContextOptions<OdooSyncDbContext> options) : ModuleDbContext(options)
{
    public DbSet<PosConfigSync> PosConfigs => Set<PosConfigSync>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PosConfigSync>(row =>
        {
            row.ToTable("pos_configs", "cafe");
            row.HasKey(r => r.Id);
            row.Property(r => r.Id).HasColumnName("id");
            row.Property(r => r.TenantId).HasColumnName("tenant_id");
            row.Property(r => r.OdooPosConfigId).HasColumnName("odoo_pos_config_id");
            row.Property(r => r.SyncState).HasColumnName("sync_state");
            row.Property(r => r.SyncErrorMessage).HasColumnName("sync_error_message");
            row.Property(r => r.Retries).HasColumnName("odoo_sync_retries");
            row.Property(r => r.NextAttemptAt).HasColumnName("odoo_next_attempt_at");
        });
    }
}
