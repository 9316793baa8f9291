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
            row.Property(r => r.Id).HasColumnName("id");
            row.Property(r => r.TenantId).HasColumnName("tenant_id");
            row.Property(r => r.OdooPosConfigId).HasColumnName("odoo_pos_config_id");
            row.Property(r => r.SyncState).HasColumnName("sync_state");
            row.Property(r => r.SyncErrorMessage).HasColumnName("sync_error_message");
            row.Property(r => r.Retries).HasColumnName("odoo_sync_retries");
            row.Property(r => r.NextAttemptAt).HasColumnName("odoo_next_attempt_at");
            row.Property(r => r.Name).HasColumnName("name");
            row.Property(r => r.IsActive).HasColumnName("is_active");
            row.Property(r => r.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<TenantOdooConnection>(connection =>
        {
            connection.ToTable("tenant_connections", "odoo_sync");
            connection.HasKey(c => c.TenantId);
            connection.Property(c => c.TenantId).HasColumnName("tenant_id");
            connection.Property(c => c.BaseUrl).HasColumnName("base_url");
            connection.Property(c => c.Database).HasColumnName("database");
            connection.Property(c => c.Login).HasColumnName("login");
            connection.Property(c => c.ApiKeyProtected).HasColumnName("api_key_protected");
            connection.Property(c => c.Enabled).HasColumnName("enabled");
            connection.Property(c => c.Healthy).HasColumnName("healthy");
            connection.Property(c => c.LastError).HasColumnName("last_error");
            connection.Property(c => c.UpdatedAt).HasColumnName("updated_at");
        });
    }
}
