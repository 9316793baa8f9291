using Microsoft.EntityFrameworkCore;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Persistence;

/// <summary>
/// Registers are <see cref="Shared.Domain.ITenantOwned"/>: the module base scopes every query of
/// them to <see cref="ICurrentTenant"/>. Maps the register's own columns of <c>cafe.pos_configs</c> (the sync columns belong to the
/// OdooSync module) and, through SQL, the register's order sequence in <c>cafe.pos_sequences</c>.
/// </summary>
internal sealed class RegistersDbContext(DbContextOptions<RegistersDbContext> options) : ModuleDbContext(options)
{
    public DbSet<Register> Registers => Set<Register>();

    /// <summary>The tenant's register, or 404: another tenant's register does not exist for this caller.</summary>
    public async Task<Register> GetForTenantAsync(Guid registerId, Guid tenantId, CancellationToken cancellationToken) =>
        await Registers.SingleOrDefaultAsync(register => register.Id == registerId && register.TenantId == tenantId, cancellationToken)
        ?? throw new NotFoundException("Register", registerId);

    public async Task<IReadOnlyCollection<Register>> RegistersOfShopAsync(Guid? shopId, CancellationToken cancellationToken) =>
        shopId is null ? [] : await Registers.Where(register => register.ShopId == shopId).ToListAsync(cancellationToken);

    protected override void MapModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Register>(register =>
        {
            register.ToTable("pos_configs", "cafe");
            register.HasKey(r => r.Id);
            register.Ignore(r => r.DomainEvents);
        });
    }
}
