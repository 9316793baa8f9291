using Microsoft.EntityFrameworkCore;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Persistence;

/// <summary>
/// Every query of registers is scoped to the authenticated tenant by a global filter bound to
/// <see cref="ICurrentTenant"/>: a new use case cannot forget it. A query without a tenant (no
/// authenticated request) throws rather than reading every tenant's registers.
/// Maps the register's own columns of <c>cafe.pos_configs</c> (the sync columns belong to the
/// OdooSync module) and, through SQL, the register's order sequence in <c>cafe.pos_sequences</c>.
/// </summary>
internal sealed class RegistersDbContext(DbContextOptions<RegistersDbContext> options, ICurrentTenant tenant) : ModuleDbContext(options)
{
    // Read by the query filter each time a query runs, so it is this request's tenant.
    private Guid CurrentTenantId => tenant.Id;

    public DbSet<Register> Registers => Set<Register>();

    /// <summary>The tenant's register, or 404: another tenant's register does not exist for this caller.</summary>
    public async Task<Register> GetForTenantAsync(Guid registerId, Guid tenantId, CancellationToken cancellationToken) =>
        await Registers.SingleOrDefaultAsync(register => register.Id == registerId && register.TenantId == tenantId, cancellationToken)
        ?? throw new NotFoundException("Register", registerId);

    public async Task<IReadOnlyCollection<Register>> RegistersOfShopAsync(Guid? shopId, CancellationToken cancellationToken) =>
        shopId is null ? [] : await Registers.Where(register => register.ShopId == shopId).ToListAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Register>(register =>
        {
            register.ToTable("pos_configs", "cafe");
            register.HasKey(r => r.Id);
            register.Ignore(r => r.DomainEvents);
            register.HasQueryFilter(r => r.TenantId == CurrentTenantId);
        });

        modelBuilder.ApplySnakeCaseColumns();
    }
}
