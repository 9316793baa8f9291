using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// Register sync rows and connections are <see cref="Shared.Domain.ITenantOwned"/>: the module
/// base scopes every query of them to <see cref="ICurrentTenant"/> (a tenant's request, or the
/// tenant a drain or an operator request entered).
/// </summary>
internal sealed class OdooSyncDbContext(DbContextOptions<OdooSyncDbContext> options) : ModuleDbContext(options)
{
    public DbSet<PosConfigSync> PosConfigs => Set<PosConfigSync>();

    public DbSet<TenantOdooConnection> Connections => Set<TenantOdooConnection>();

    public DbSet<DriftFinding> DriftFindings => Set<DriftFinding>();

    public DbSet<IgnoredOdooRecord> IgnoredOdooRecords => Set<IgnoredOdooRecord>();

    protected override void MapModel(ModelBuilder modelBuilder)
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
            connection.Ignore(c => c.Pause);
        });
        modelBuilder.Entity<DriftFinding>(finding =>
        {
            finding.ToTable("drift_findings", "odoo_sync");
            finding.HasKey(f => new { f.TenantId, f.OdooPosConfigId });
        });
        modelBuilder.Entity<IgnoredOdooRecord>(ignored =>
        {
            ignored.ToTable("ignored_odoo_records", "odoo_sync");
            ignored.HasKey(i => new { i.TenantId, i.OdooPosConfigId });
        });
    }
}
