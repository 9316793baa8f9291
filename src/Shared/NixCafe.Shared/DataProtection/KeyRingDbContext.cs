using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace NixCafe.Shared.DataProtection;

/// <summary>
/// The Data Protection key ring, which every host of a cluster shares. It has its own context, not
/// a module's, because the ring serves the whole host (browser sessions and antiforgery as well as
/// the Odoo API keys). The table stays where the OdooSync migrations made it,
/// <c>odoo_sync.data_protection_keys</c>: moving it would be a migration that must lose no key.
/// </summary>
internal sealed class KeyRingDbContext(DbContextOptions<KeyRingDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // The database NixCafe takes over names everything in snake_case, as the modules' contexts do.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseSnakeCaseNamingConvention();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys", "odoo_sync");
            // The table's id is a bigint identity; the library's entity counts in int.
            key.Property(k => k.Id).HasConversion<long>().UseIdentityAlwaysColumn();
            key.Property(k => k.FriendlyName).IsRequired();
            key.Property(k => k.Xml).IsRequired();
        });
    }
}
